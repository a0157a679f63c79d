package dev.weft.it.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.LaunchingConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.StepRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Woven code under a debugger (JDI, launching {@link Stepping} in a debuggee JVM): breakpoints
 * in coroutines, stepping over an await that does not suspend and out of a coroutine that returns
 * without suspending, and the locals a debugger shows.
 *
 * <p>The stepping follows what IDE debuggers do by default (IntelliJ's "Skip synthetic methods",
 * Eclipse's "Filter synthetic methods"): a step that stops in a synthetic method steps on out of
 * it. The runtime's own classes are excluded from stepping, as a user excludes {@code dev.weft.*}
 * (here the exact classes: this test's package is under {@code dev.weft} too).
 */
class DebuggerTest {
    private static final String PROGRAM = Stepping.class.getName();
    private static final List<String> RUNTIME = List.of("dev.weft.Coroutine", "dev.weft.WovenCode", "dev.weft.Task",
            "dev.weft.EventLoop", "dev.weft.Asyncio", "java.*", "jdk.*", "sun.*");

    private VirtualMachine vm;
    private Map<String, Integer> lines;

    @BeforeEach
    void launch() throws Exception {
        lines = markers(Path.of(System.getProperty("basedir", "."), "src/test/java",
                PROGRAM.replace('.', '/') + ".java"));
        LaunchingConnector connector = Bootstrap.virtualMachineManager().defaultConnector();
        Map<String, Connector.Argument> arguments = connector.defaultArguments();
        arguments.get("main").setValue(PROGRAM);
        arguments.get("options").setValue("-cp " + System.getProperty("java.class.path"));
        vm = connector.launch(arguments);
        drain(vm.process().getInputStream());
        drain(vm.process().getErrorStream());
    }

    @AfterEach
    void close() throws InterruptedException {
        if (vm != null) {
            try {
                vm.exit(0);
            } catch (RuntimeException alreadyGone) {
                // the debuggee ended by itself
            }
            vm.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The line of each {@code // @marker} comment in the program's source. */
    private static Map<String, Integer> markers(Path source) throws Exception {
        Map<String, Integer> found = new TreeMap<>();
        List<String> text = Files.readAllLines(source);
        for (int i = 0; i < text.size(); i++) {
            int at = text.get(i).indexOf("// @");
            if (at >= 0) {
                found.put(text.get(i).substring(at + 4).trim(), i + 1);
            }
        }
        return found;
    }

    private static void drain(InputStream stream) {
        Thread t = new Thread(() -> {
            try {
                stream.transferTo(OutputStream.nullOutputStream());
            } catch (java.io.IOException ignored) {
                // the debuggee went away
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Runs the debuggee to a breakpoint on {@code marker}'s line and returns the suspended thread. */
    private ThreadReference breakAt(String marker) throws Exception {
        EventRequestManager requests = vm.eventRequestManager();
        ClassPrepareRequest prepare = requests.createClassPrepareRequest();
        prepare.addClassFilter(PROGRAM);
        prepare.enable();
        vm.resume();
        for (;;) {
            EventSet events = vm.eventQueue().remove(30_000);
            assertNotNull(events, "the debuggee did not reach " + marker);
            for (Event event : events) {
                if (event instanceof ClassPrepareEvent prepared) {
                    ReferenceType type = prepared.referenceType();
                    List<Location> locations = type.locationsOfLine(lines.get(marker));
                    assertFalse(locations.isEmpty(), "no code on the line of " + marker);
                    for (Location location : locations) {
                        requests.createBreakpointRequest(location).enable();
                    }
                } else if (event instanceof BreakpointEvent hit) {
                    return hit.thread();
                } else if (event instanceof VMDisconnectEvent) {
                    throw new AssertionError("the debuggee ended before " + marker);
                }
            }
            events.resume();
        }
    }

    /**
     * One step of {@code depth} by line, as an IDE takes it: stepping on out of synthetic
     * methods, with the runtime excluded. Returns the thread where it stopped.
     */
    private ThreadReference step(ThreadReference thread, int depth) throws Exception {
        return step(thread, depth, true);
    }

    /** One step as jdb takes it: no synthetic filter, only the class exclusions ({@code exclude}). */
    private ThreadReference stepWithoutSyntheticFilter(ThreadReference thread, int depth) throws Exception {
        return step(thread, depth, false);
    }

    private ThreadReference step(ThreadReference thread, int depth, boolean skipSynthetic) throws Exception {
        requestStep(thread, depth);
        vm.resume();
        for (;;) {
            EventSet events = vm.eventQueue().remove(30_000);
            assertNotNull(events, "the step did not end");
            for (Event event : events) {
                if (event instanceof StepEvent stepped) {
                    vm.eventRequestManager().deleteEventRequest(stepped.request());
                    if (!skipSynthetic || !stepped.location().method().isSynthetic()) {
                        return stepped.thread();
                    }
                    requestStep(stepped.thread(), StepRequest.STEP_OUT); // taken when the event set resumes
                } else if (event instanceof VMDisconnectEvent) {
                    throw new AssertionError("the debuggee ended during the step");
                }
            }
            events.resume();
        }
    }

    private void requestStep(ThreadReference thread, int depth) {
        StepRequest request = vm.eventRequestManager().createStepRequest(thread, StepRequest.STEP_LINE, depth);
        for (String excluded : RUNTIME) {
            request.addClassExclusionFilter(excluded);
        }
        request.addCountFilter(1);
        request.enable();
    }

    private void assertAt(ThreadReference thread, String method, String marker) throws IncompatibleThreadStateException {
        Location location = thread.frame(0).location();
        assertEquals(PROGRAM, location.declaringType().name(), location::toString);
        assertEquals(method, location.method().name(), location::toString);
        assertEquals(lines.get(marker), location.lineNumber(), () -> "expected " + marker + ", stopped at " + location);
    }

    /** The visible locals of the innermost frame, with their int values. */
    private static Map<String, Integer> locals(ThreadReference thread) throws Exception {
        StackFrame frame = thread.frame(0);
        Map<String, Integer> values = new TreeMap<>();
        try {
            for (var variable : frame.visibleVariables()) {
                if (frame.getValue(variable) instanceof IntegerValue value) {
                    values.put(variable.name(), value.value());
                }
            }
        } catch (AbsentInformationException e) {
            throw new AssertionError("no local variable table at " + frame.location(), e);
        }
        return values;
    }

    @Test
    void aBreakpointInACoroutineShowsItsArgumentsAndLocals() throws Exception {
        ThreadReference thread = breakAt("child-return");
        assertAt(thread, "child", "child-return");
        assertEquals(Map.of("x", 20, "doubled", 40), locals(thread));
        Method body = thread.frame(0).location().method();
        assertFalse(body.isSynthetic(), "the body is the user's code, where a debugger stops");
        Method step = thread.frame(1).location().method();
        assertEquals("$step", step.name());
        assertTrue(step.isSynthetic() && step.declaringType().name().contains("$$Weft$"), "the frame class's step is synthetic");
    }

    @Test
    void steppingOverAnAwaitThatDoesNotSuspendLandsOnTheNextLine() throws Exception {
        ThreadReference thread = breakAt("parent-await");
        assertAt(thread, "parent", "parent-await");
        assertEquals(Map.of("a", 20), locals(thread));
        thread = step(thread, StepRequest.STEP_OVER);
        assertAt(thread, "parent", "parent-next");
        assertEquals(Map.of("a", 20, "b", 41), locals(thread));
    }

    @Test
    void steppingOutOfACoroutineThatReturnsWithoutSuspendingLandsInTheAwaitingMethod() throws Exception {
        ThreadReference thread = breakAt("child-return");
        thread = step(thread, StepRequest.STEP_OUT);
        assertAt(thread, "parent", "parent-await"); // the rest of the await's line: b is being assigned
        thread = step(thread, StepRequest.STEP_OVER);
        assertAt(thread, "parent", "parent-next");
        assertEquals(Map.of("a", 20, "b", 41), locals(thread));
    }

    @Test
    void steppingOverTheReturnOfACoroutineLandsInTheAwaitingMethod() throws Exception {
        ThreadReference thread = breakAt("child-return");
        thread = step(thread, StepRequest.STEP_OVER);
        assertAt(thread, "parent", "parent-await");
        thread = step(thread, StepRequest.STEP_OVER);
        assertAt(thread, "parent", "parent-next");
    }

    /** Calling the method runs none of its body, so the first line's breakpoint stops once, where the body runs. */
    @Test
    void aBreakpointOnACoroutinesFirstLineStopsOnlyInItsBody() throws Exception {
        ThreadReference thread = breakAt("recover-first");
        assertAt(thread, "recover", "recover-first");
        assertTrue(thread.frame(1).location().method().name().equals("$step"), "the body, run by its frame's step");
        assertEquals(Map.of("x", 7), locals(thread));
    }

    /** The catch clause's first act, handing the exception to the runtime, is stepped over with the clause's line. */
    @Test
    void steppingOverAThrowLandsInTheCatchClauseAndThenInItsBody() throws Exception {
        ThreadReference thread = breakAt("recover-throw");
        thread = step(thread, StepRequest.STEP_OVER);
        assertAt(thread, "recover", "recover-catch");
        thread = step(thread, StepRequest.STEP_OVER);
        assertAt(thread, "recover", "recover-handled");
        assertEquals(Map.of("x", 7, "attempt", 8), locals(thread));
    }

    @Test // what README tells jdb users: a step out stops in the frame's synthetic $step, and one more lands in the awaiting method
    void withoutASyntheticFilterAStepOutStopsInTheFrameClassOnce() throws Exception {
        ThreadReference thread = breakAt("child-return");
        thread = stepWithoutSyntheticFilter(thread, StepRequest.STEP_OUT);
        Method stoppedIn = thread.frame(0).location().method();
        assertEquals("$step", stoppedIn.name());
        assertTrue(stoppedIn.isSynthetic());
        thread = stepWithoutSyntheticFilter(thread, StepRequest.STEP_OUT);
        assertAt(thread, "parent", "parent-await");
    }
}
