/**
 * The ledger's published API description: the OpenAPI document served at {@code /v3/api-docs}
 * and the Swagger UI at {@code /swagger-ui.html}, both readable without a token (docs/ledger.md §3).
 * Schemas, examples and problem types are stated here, next to each other, rather than inferred
 * from the controllers, which answer canonical bytes the inference cannot see.
 */
package org.oversight.ledger.api;
