// Compile-time checks that a hand-written type and a zod schema describe the same thing (used by
// the *.test-d.ts files, which tsc checks and nothing runs). Types only.

/** Stands in a field's type for "the field may be absent". */
type TOptionalMark = { readonly "(optional field)": true };

/** A key an index signature stands for, not a field's name. */
type IsIndex<K> = string extends K ? true : number extends K ? true : symbol extends K ? true : false;

/**
 * T's fields all the way down, in a form two equal shapes share: index signatures dropped (a loose
 * zod object has one, a hand-written type usually not), every field required with its optionality
 * written into its type, unions and arrays followed member by member.
 */
type Fields<T> = T extends readonly (infer E)[]
  ? Fields<E>[]
  : T extends object
    ? {
        [K in keyof T as IsIndex<K> extends true ? never : K]-?: Pick<T, K> extends Required<Pick<T, K>>
          ? Fields<T[K]>
          : Fields<Exclude<T[K], undefined>> | TOptionalMark;
      }
    : T;

/**
 * True when A and B have the same fields at every level, each of the same type and optionality:
 * a field added to one side only, or typed differently, makes it false.
 */
export type SameFields<A, B> = [Fields<A>] extends [Fields<B>]
  ? [Fields<B>] extends [Fields<A>]
    ? true
    : false
  : false;

/**
 * T's named fields without the keys K. (The built-in Omit keeps nothing but the index signature of
 * a type that has one, such as a loose zod object's output.)
 */
export type Without<T, K extends PropertyKey> = {
  [P in keyof T as IsIndex<P> extends true ? never : P extends K ? never : P]: T[P];
};

/** Fails tsc unless T is true: `type _ = Assert<SameFields<TThing, z.output<typeof ZThing>>>`. */
export type Assert<T extends true> = T;
