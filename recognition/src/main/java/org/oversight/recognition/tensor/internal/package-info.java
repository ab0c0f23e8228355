/**
 * Vector API and scalar convolution kernels, each bit-identical to the reference order. Not API.
 * Spec: docs/format.md §9.3.
 */
package org.oversight.recognition.tensor.internal;
