package dev.streamingadaptive.cli;

/** Entry point of the streaming-adaptive command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("streaming-adaptive");
    }
}
