package dev.loombench.check;

/** {@code bench check} could not run (exit code 2); the message says why, in one line where it can. */
public final class CheckException extends Exception {
    public CheckException(String message) {
        super(message);
    }
}
