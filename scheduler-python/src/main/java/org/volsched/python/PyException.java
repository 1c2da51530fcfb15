package org.volsched.python;

/**
 * A failure that Python would have raised while Cinder evaluated a value: {@code TypeError},
 * {@code ValueError}, {@code ZeroDivisionError}, {@code KeyError}, {@code AttributeError},
 * {@code OverflowError}, {@code IndexError}.
 *
 * <p>volsched does not let these escape as crashes (see {@code docs/cinder-compatibility.md});
 * the component that meets one turns it into a rejection or a lowest weight, with this
 * exception's message as the reason.
 */
public final class PyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pythonType;

    public PyException(String pythonType, String message) {
        super(message, null, false, false);
        this.pythonType = pythonType;
    }

    /** The Python exception class Cinder would have raised, for example {@code TypeError}. */
    public String pythonType() {
        return pythonType;
    }

    public static PyException typeError(String message) {
        return new PyException("TypeError", message);
    }

    public static PyException valueError(String message) {
        return new PyException("ValueError", message);
    }

    @Override
    public String toString() {
        return pythonType + ": " + getMessage();
    }
}
