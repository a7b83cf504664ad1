package outside;

final class Greeting {
    private Greeting() {}

    static String text(String who) { return "hello, " + who + ", from outside the tree"; }
}
