package dev.weft.it.inside;

/** Source lines the tests expect, taken from the code itself so that editing a test file moves them too. */
final class Lines {
    private Lines() {
    }

    /** The line of the call to {@code here()}: write it on the line whose number a test needs. */
    static int here() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }
}
