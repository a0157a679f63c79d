package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;

/** Instance coroutines: the frame keeps {@code this}, reads and writes its fields, and calls its other coroutines. */
public class Account {
    private long balance;
    private final Mode mode;

    public Account(Mode mode, long opening) {
        this.mode = mode;
        this.balance = opening;
    }

    @Async
    public Coroutine<Long> deposit(long amount) {
        this.balance += Await.on(mode.value(amount));
        return Coroutine.of(balance);
    }

    @Async
    public Coroutine<Long> transferTo(Account other, long amount) {
        balance -= Await.on(mode.value(amount));
        return Coroutine.of(Await.on(other.deposit(amount)) + Await.on(this.deposit(0)));
    }

    /** An async lambda in an instance method captures {@code this} and calls its coroutines. */
    @Async
    public Coroutine<Long> depositAll(long... amounts) {
        Declarations.AsyncFunction<Long, Long> depositOne = amount -> Coroutine.of(Await.on(deposit(amount)));
        long last = balance;
        for (long amount : amounts) {
            last = Await.on(depositOne.apply(amount));
        }
        return Coroutine.of(last);
    }
}
