package org.oversight.domain.json;

/**
 * An immutable JSON value in Oversight's signed-content model (docs/format.md §1): objects,
 * arrays, strings of well-formed Unicode, integers within ±(2<sup>53</sup>−1), booleans and null.
 * There are no floating-point numbers.
 *
 * <p>{@code toString()} of every value is its canonical JSON text; {@code equals} is value
 * equality, so two values are equal exactly when their canonical encodings are.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {}
