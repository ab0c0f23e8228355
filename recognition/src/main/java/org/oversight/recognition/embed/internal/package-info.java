/**
 * Convolution engines of the recognition network: the naive reference and the fast kernel, bit-
 * identical to it. Not API. Spec: docs/format.md §9.3.
 */
package org.oversight.recognition.embed.internal;
