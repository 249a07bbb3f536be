package dev.hubwizard.engine;

/** A typed name for a value one step hands to another (the built image, the repository URI...). */
public record Key<T>(String name, Class<T> type) {

    public static <T> Key<T> of(String name, Class<T> type) {
        return new Key<>(name, type);
    }
}
