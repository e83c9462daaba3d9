package io.github.gradcheck.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls into a matrix library that gradcheck does not compile against: the public methods and
 * constructors of its classes, looked up by name on the classes of the values it is given.
 */
final class Reflected {

    private Reflected() {
    }

    /** {@return whether {@code type} is the class named {@code name} or one of its subclasses or implementations} */
    static boolean is(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (is(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@return the class {@code name} of the library {@code near} comes from} */
    static Class<?> sibling(Class<?> near, String name) {
        try {
            return Class.forName(name, false, near.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the matrix library of " + near.getName() + " has no class " + name, e);
        }
    }

    /** {@return {@code target.name(args)}, a public method} */
    static Object call(Object target, String name, Class<?>[] types, Object... args) {
        try {
            Method m = publicMethod(target.getClass(), name, types);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(target.getClass().getSimpleName() + "." + name + " threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + target.getClass().getName() + "." + name, e);
        }
    }

    /** {@return a new {@code type(args)}, a public constructor} */
    static Object create(Class<?> type, Class<?>[] types, Object... args) {
        try {
            Constructor<?> c = type.getConstructor(types);
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("new " + type.getSimpleName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + type.getName(), e);
        }
    }

    /** A public method of a public class or interface {@code type} inherits, callable from here. */
    private static Method publicMethod(Class<?> type, String name, Class<?>[] types) throws NoSuchMethodException {
        Method m = type.getMethod(name, types);
        if (java.lang.reflect.Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
            return m;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    return publicMethod(i, name, types);
                } catch (NoSuchMethodException ignored) {
                    // not in this interface
                }
            }
            if (c.getSuperclass() != null && java.lang.reflect.Modifier.isPublic(c.getSuperclass().getModifiers())) {
                try {
                    return c.getSuperclass().getMethod(name, types);
                } catch (NoSuchMethodException ignored) {
                    // not there
                }
            }
        }
        return m;
    }
}
