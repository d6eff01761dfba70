import type { JsonObject } from './json-value.js';

/**
 * Sets an own data member. Plain assignment of `__proto__` would replace the object's prototype
 * instead of adding the member JSON.parse would have made.
 */
export function setMember(o: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    o[key] = value;
  }
}

export function deleteMember(o: JsonObject, key: string): void {
  Reflect.deleteProperty(o, key);
}
