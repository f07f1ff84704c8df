/**
 * `T` with its optional keys required too. A builder that copies an object field by field into one
 * literal (to give every copy one hidden class) types its literal with it, so a key added to `T`
 * and left out of the builder fails to compile instead of being dropped.
 */
export type EveryKey<T> = { [K in keyof Required<T>]: T[K] };
