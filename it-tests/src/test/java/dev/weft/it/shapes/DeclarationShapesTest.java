package dev.weft.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Asyncio;
import java.util.List;

/** Coroutines declared in every kind of type and member, woven by the real plugin. */
class DeclarationShapesTest {

    @InBothModes
    void instanceMethodsUseThis(Mode m) {
        Account alice = new Account(m, 100);
        Account bob = new Account(m, 0);
        assertEquals(150L, Asyncio.run(alice.deposit(50)));
        assertEquals(30L + 120L, Asyncio.run(alice.transferTo(bob, 30)));
    }

    @InBothModes
    void staticPrivateAndGenericMethods(Mode m) {
        assertEquals("7 pear", Asyncio.run(Declarations.staticPrivateAndGenericMethods(m)));
    }

    @InBothModes
    void interfaceDefaultAndStaticMethods(Mode m) {
        Named ann = () -> "ann";
        Named bob = () -> "bob";
        assertEquals("hello ann!; hello bob!; ", Asyncio.run(Named.greetAll(m, ann, bob)));
    }

    @InBothModes
    void enumMethodAndOverrideInAConstantBodyCallingSuper(Mode m) {
        assertEquals("mercury #1", Asyncio.run(Planet.MERCURY.describe(m)));
        assertEquals("home, earth #3", Asyncio.run(Planet.EARTH.describe(m)));
    }

    @InBothModes
    void recordMethodReadsComponents(Mode m) {
        assertEquals(new Point(1.5, -1), Asyncio.run(new Point(1, 1).movedBy(m, new Point(0.5, -2))));
    }

    @InBothModes
    void nestedAndInnerClasses(Mode m) {
        assertEquals("nested:1 inner of o:2", Asyncio.run(Declarations.nestedAndInnerClasses(m)));
    }

    @InBothModes
    void anonymousAndLocalClasses(Mode m) {
        assertEquals("anonymous:c1 local:c2", Asyncio.run(Declarations.anonymousAndLocalClasses(m)));
    }

    @InBothModes
    void asyncLambdas(Mode m) {
        assertEquals(List.of(101, 102, -1, 102, 104, -2), Asyncio.run(Declarations.asyncLambdas(m)));
    }

    @InBothModes
    void asyncLambdaCapturingThis(Mode m) {
        assertEquals(106L, Asyncio.run(new Account(m, 100).depositAll(1, 2, 3)));
    }

    @InBothModes
    void recursion(Mode m) {
        assertEquals(610, Asyncio.run(Declarations.fibonacci(m, 15)));
    }

    @InBothModes
    void genericClassInstanceMethod(Mode m) {
        Declarations.Box<String> box = new Declarations.Box<>("a");
        assertEquals("a", Asyncio.run(box.swap(m, "b")));
        assertEquals("b", box.get());
    }

    @InBothModes
    void overloadsVarargsAndWideParameters(Mode m) {
        assertEquals("int 1, string s, wide 2.5 xy20.5", Asyncio.run(Declarations.overloadsVarargsAndWideParameters(m)));
    }

    @InBothModes
    void methodReferencesAndNestedAsyncLambdas(Mode m) {
        assertEquals(List.of(8, 16), Asyncio.run(Declarations.methodReferencesAndNestedAsyncLambdas(m)));
    }

    @InBothModes
    void innerClassUsesOuterPrivateMembers(Mode m) {
        assertEquals(42, Asyncio.run(Declarations.innerClassUsesOuterPrivateMembers(m)));
    }
}
