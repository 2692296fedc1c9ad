package dev.apitpl.runtime.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * Jinjava's interpreter printing values with Python's {@code str()} ({@link PythonValues#str}) and resolving names
 * that are not bound to {@link Undefined}, as Jinja2 does.
 */
final class PythonInterpreter extends JinjavaInterpreter {

    /** Creates these interpreters; set on the engine's configuration. */
    static final InterpreterFactory FACTORY = new InterpreterFactory() {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
            return new PythonInterpreter(orig);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig renderConfig) {
            return new PythonInterpreter(application, context, renderConfig);
        }
    };

    private PythonInterpreter(Jinjava application, Context context, JinjavaConfig renderConfig) {
        super(application, context, renderConfig);
    }

    private PythonInterpreter(JinjavaInterpreter orig) {
        super(orig);
    }

    /** An unbound name is {@link Undefined}, not null: null is the value {@code None}. */
    @Override
    public Object retraceVariable(String variable, int lineNumber, int startPosition) {
        if ("none".equals(variable) || "None".equals(variable)) {
            return null;
        }
        Object value = super.retraceVariable(variable, lineNumber, startPosition);
        if (value == null && variable != null && !Undefined.isBound(getContext(), variable)) {
            return new Undefined(variable);
        }
        return value;
    }

    @Override
    public String getAsString(Object object) {
        return PythonValues.str(object);
    }
}
