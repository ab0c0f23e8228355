/**
 * TensorFlow.js weights manifests and shards decoded into float32 tensors exactly as {@code
 * io.decodeWeights} does, and the model id derived from them. Spec: docs/format.md §9.1.
 */
package org.oversight.recognition.tfjs;
