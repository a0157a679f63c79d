/**
 * The weaver: turns each {@code @Async} method of a compiled class into a state machine that
 * runs on {@code dev.weft.EventLoop}, and generates one frame class per method. Build tools call
 * {@link dev.weft.weaver.ClassesWeaving} (a directory of classes) or
 * {@link dev.weft.weaver.Weaver} (one class file); {@link dev.weft.weaver.WeaverCommand} is the
 * command line. What woven code calls in the runtime is listed in {@code Names}, which mirrors
 * the runtime's {@code dev.weft.WovenCode}.
 *
 * <h2>The pipeline</h2>
 * The passes run in this order, each for the reason given. The class stage is
 * {@link dev.weft.weaver.Weaver#weave}; the method stage is {@code MethodWeaving.PASSES}, one
 * ordered list run for each selected method.
 *
 * <p><b>Class stage: checks, before anything changes.</b> Every error is reported, and a class
 * with an error is left as javac wrote it, so that the build fails with all its messages at once
 * and never leaves a half-woven class behind.
 * <ol>
 * <li><b>Protocol check</b> ({@code Weaver.wovenProtocol}): a class already woven comes back
 *     unchanged, or fails when it was woven for another protocol. First, because every later pass
 *     assumes javac's output, and an incremental build hands the weaver its own output again.</li>
 * <li><b>Selection</b> ({@code Weaver.select}), over every method: {@code ForgottenAwaits} warns
 *     of dropped coroutines (in any method, async or not); {@code Misuse} checks the
 *     {@code @Async} declarations and reports awaits outside async code; async lambdas are found
 *     by what they call. It runs on javac's untouched code, whose shapes the checks know.</li>
 * <li><b>Await checks</b> ({@code Weaver.check}), for each selected method: {@code BlockingCalls}
 *     warns of calls that block the loop; {@code Misuse.checkAwaits} rejects awaits inside
 *     {@code synchronized} ({@code MonitorDepth}) and {@code Await.yield} outside generators.
 *     Only for the selected methods, and before any rewrite, so that lines point at the source.</li>
 * </ol>
 *
 * <p><b>Method stage: rewrites, then the state machine</b> ({@code MethodWeaving}).
 * <ol start="4">
 * <li><b>Returns inside try</b> ({@code ReturnsInsideTry}, coroutines only): {@code return work()}
 *     inside a {@code try} becomes an await of {@code work()} before the block's exits run.
 *     Before scope desugaring, because it finds javac's return shapes through the returned
 *     value's sources, which desugaring's added code would obscure.</li>
 * <li><b>Allocation hoisting</b> ({@code AllocationHoister}): {@code new X(..., Await.on(y))} is
 *     reordered so that no uninitialized reference is on the stack at an await, which could not
 *     be spilled. After the pass above, whose awaits may sit in constructor arguments too.</li>
 * <li><b>Scope desugaring</b> ({@code ScopeDesugaring}): try-with-resources on an
 *     {@code AsyncCloseable} and {@code Await.each} loops become plain {@code Await.on} calls of
 *     {@code WovenCode.$aexit} and {@code hasNextAsync}, so that one mechanism handles every
 *     suspension. Its awaits never stand inside a constructor call, so hoisting need not see them;
 *     it must run before the analysis, which must see every await.</li>
 * <li><b>Caught exceptions</b> ({@code CaughtExceptions}): each {@code catch} clause first hands
 *     its exception to {@code WovenCode.$caught}, so that an exception caught inside the coroutine,
 *     which never reaches the runtime otherwise, loses the woven plumbing from its trace too. After
 *     desugaring, which finds javac's handlers by their first instruction; before the analysis.</li>
 * <li><b>Type analysis</b> ({@code HierarchyVerifier} through ASM's {@code Analyzer}): the type of
 *     every local and stack slot at every instruction, resolved through the
 *     {@link dev.weft.weaver.ClassHierarchy} without loading classes. After the last rewrite that
 *     adds instructions, because the state machine needs a frame for each of its awaits.</li>
 * <li><b>State machine</b> ({@code StateMachine}): the body moves to a synthetic method in the
 *     owner; each await and yield becomes a suspension point that spills the live values into
 *     frame fields and resumes through a label switch; returns are rewritten, and {@code int} and
 *     {@code long} results travel unboxed ({@code UnboxedResult}). In a method with many awaits
 *     times live values, the spill and reload code is shared between suspension points
 *     ({@code SharedSpills}) so that it stays within the JVM's 64 KB. It consumes the analysis, so
 *     nothing may change the instructions between the two.</li>
 * <li><b>Factory</b>: the {@code @Async} method's own code becomes {@code return new Frame(args)},
 *     with no line (calling it runs none of the body, so a breakpoint on the body's first line
 *     stops only where the body runs), once the body has left it. A {@code void} method is an entry
 *     point: its body is woven as a {@code Coroutine<Void>}'s (a {@code return} completes it with
 *     null) and its own code becomes {@code WovenCode.$runEntryPoint(new Frame(args))}, which runs
 *     the frame as {@code Asyncio.run} does.</li>
 * <li><b>Frame class</b> ({@code FrameClass}): a subclass of {@code Coroutine} or
 *     {@code AsyncGenerator} with the receiver, the arguments, the label and the spill fields, whose
 *     {@code $step()} calls the body method, and whose {@code $source()} and {@code $line()} name
 *     the source method and, from a one-string table of the state machine's label lines, the line
 *     it waits at. Last, because its fields are the state machine's spills. Its class and members
 *     are synthetic; the body method keeps the source method's name (an overload taking the
 *     frame), so stack traces and debuggers show the user's method.</li>
 * </ol>
 *
 * <p><b>Output.</b> Only when every selected method wove without error: the owner is marked
 * {@code @Woven(protocol)} and every class is written by {@code HierarchyClassWriter}, which
 * computes stack map frames through the class hierarchy rather than by loading classes. A method
 * still past 64 KB, or any other failure of a pass, is an error diagnostic at the method, never an
 * exception out of {@link dev.weft.weaver.Weaver#weave}.
 * {@link dev.weft.weaver.ClassesWeaving} then replaces the owner's class file and its old frames.
 */
package dev.weft.weaver;
