/**
 * Names of Object.prototype members, for tests of every map keyed by data: a plain
 * object already "holds" these keys before anything is stored under them.
 */
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

/** Every member's name (valueOf, __defineGetter__, isPrototypeOf…), for the fuzz generators. */
export const ALL_PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
