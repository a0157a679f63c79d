package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

import java.util.ArrayList;
import java.util.List;

/**
 * The coroutine of {@link EventLoop#shutdownAsyncgens()}: takes the generators its loop tracks,
 * closes them concurrently, and reports each close that failed to the loop's exception handler.
 * Like Python's {@code async def}, it does nothing until it runs.
 */
final class AsyncgenShutdown extends Coroutine<Void> {
    private final EventLoop loop;
    private List<AsyncGenerator<?>> closing;

    AsyncgenShutdown(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object $step() {
        Object results;
        if (closing == null) {
            closing = loop.takeStartedGenerators();
            if (closing.isEmpty()) {
                return null;
            }
            List<Coroutine<Void>> closes = new ArrayList<>(closing.size());
            for (AsyncGenerator<?> generator : closing) {
                closes.add(generator.aclose());
            }
            // Settled, so that one failing close neither hides the others' failures nor stops them.
            results = $await(this, Gathering.of(loop, closes, true));
            if (results == $SUSPENDED) {
                return $SUSPENDED;
            }
        } else {
            results = $resumed(this);
        }
        report((List<Object>) results);
        return null;
    }

    private void report(List<Object> results) {
        for (int i = 0; i < results.size(); i++) {
            // A cancelled close is not an error of the generator's, as in Python (CancelledError is no Exception there).
            if (results.get(i) instanceof Throwable failure && !(failure instanceof CancelledError)) {
                AsyncGenerator<?> generator = closing.get(i);
                loop.callExceptionHandler(new ExceptionContext(
                        "an error occurred during closing of asynchronous generator " + generator, failure, generator));
            }
        }
    }
}
