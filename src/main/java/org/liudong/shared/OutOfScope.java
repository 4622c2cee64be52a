package org.liudong.shared;

/** The signed-in user asked for something outside their org scope. */
public class OutOfScope extends DomainException {

    public OutOfScope(String what) {
        super("Outside your scope: " + what);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String type() {
        return "out-of-scope";
    }
}
