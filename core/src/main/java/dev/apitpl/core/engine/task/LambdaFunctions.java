package dev.apitpl.core.engine.task;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which in-process handler runs for each Lambda function name. A name is mapped to a handler class
 * ({@code RequestHandler} or {@code RequestStreamHandler}) or to a ready instance; a name with no
 * mapping runs the default handler, {@link #GENERIC_API_CALL_HANDLER} unless set otherwise (or
 * {@code null} to require a mapping for every function). Like Lambda's warm containers, one
 * instance per function is created on first use and then reused.
 */
public final class LambdaFunctions {

    /** The project's generic Lambda, the default handler of every unmapped function. */
    public static final String GENERIC_API_CALL_HANDLER = "dev.apitpl.runtime.handler.GenericApiCallLambda";

    private final Map<String, String> handlerClasses;
    private final String defaultHandler;
    private final ClassLoader classLoader;
    private final Map<String, Object> instances = new ConcurrentHashMap<>();

    private LambdaFunctions(Builder builder) {
        this.handlerClasses = Map.copyOf(builder.handlerClasses);
        this.defaultHandler = builder.defaultHandler;
        this.classLoader = builder.classLoader;
        this.instances.putAll(builder.instances);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler class name that runs {@code functionName}, or {@code null} when none does. */
    public String handlerClassFor(String functionName) {
        Object instance = instances.get(functionName);
        if (instance != null) {
            return instance.getClass().getName();
        }
        return handlerClasses.getOrDefault(functionName, defaultHandler);
    }

    /** Loads every explicitly mapped handler now, so a misspelt class is reported before anything runs. */
    public void loadAll() throws HandlerUnavailableException {
        for (String functionName : handlerClasses.keySet()) {
            handlerFor(functionName);
        }
    }

    /** The handler instance for {@code functionName}, created on first use. */
    public Object handlerFor(String functionName) throws HandlerUnavailableException {
        Object existing = instances.get(functionName);
        if (existing != null) {
            return existing;
        }
        String className = handlerClassFor(functionName);
        if (className == null) {
            throw new HandlerUnavailableException("Lambda function '" + functionName
                    + "' has no handler: map it to a handler class (function name -> fully-qualified class name)");
        }
        Object created = instantiate(functionName, className);
        Object raced = instances.putIfAbsent(functionName, created);
        return raced == null ? created : raced;
    }

    private Object instantiate(String functionName, String className) throws HandlerUnavailableException {
        String prefix = "Lambda function '" + functionName + "' is mapped to handler class '" + className + "', ";
        try {
            Class<?> type = Class.forName(className, true, classLoader);
            return type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new HandlerUnavailableException(prefix + "which is not on the classpath ("
                    + e.getMessage() + "); check the name and that its module is a dependency", e);
        } catch (NoSuchMethodException e) {
            throw new HandlerUnavailableException(prefix + "which has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new HandlerUnavailableException(prefix + "whose constructor threw "
                    + e.getCause().getClass().getName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new HandlerUnavailableException(prefix + "which cannot be instantiated: " + e, e);
        }
    }

    /** A function's handler cannot be loaded or created; the message names the function and the class. */
    public static final class HandlerUnavailableException extends Exception {
        HandlerUnavailableException(String message) {
            super(message);
        }

        HandlerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static final class Builder {
        private final Map<String, String> handlerClasses = new LinkedHashMap<>();
        private final Map<String, Object> instances = new LinkedHashMap<>();
        private String defaultHandler = GENERIC_API_CALL_HANDLER;
        private ClassLoader classLoader = LambdaFunctions.class.getClassLoader();

        /** Runs {@code functionName} with a new instance of {@code handlerClass}. */
        public Builder handler(String functionName, String handlerClass) {
            handlerClasses.put(Objects.requireNonNull(functionName), Objects.requireNonNull(handlerClass));
            return this;
        }

        /** Runs {@code functionName} with {@code handler} itself, e.g. one built with test configuration. */
        public Builder instance(String functionName, Object handler) {
            instances.put(Objects.requireNonNull(functionName), Objects.requireNonNull(handler));
            return this;
        }

        public Builder handlers(Map<String, String> functionToHandlerClass) {
            functionToHandlerClass.forEach(this::handler);
            return this;
        }

        /** The handler class of unmapped functions; {@code null} makes every function need a mapping. */
        public Builder defaultHandler(String handlerClass) {
            this.defaultHandler = handlerClass;
            return this;
        }

        /** Where handler classes are loaded from, e.g. the project's test classpath. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader);
            return this;
        }

        public LambdaFunctions build() {
            return new LambdaFunctions(this);
        }
    }
}
