/** A JSON primitive. */
export type JSONPrimitive = string | number | boolean | null;

/** An object whose members are JSON values. */
export type JSONObject = { [key: string]: JSONValue };

/** An array of JSON values. */
export type JSONArray = JSONValue[];

/** Any value that JSON can carry without loss. */
export type JSONValue = JSONPrimitive | JSONObject | JSONArray;
