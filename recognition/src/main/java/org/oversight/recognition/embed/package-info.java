/**
 * The 128-D face recognition network (a port of dlib's ResNet) in pure Java, deterministic by
 * construction: aligned crop in, float32 descriptor out, bit-identical on every JVM and thread
 * count. Spec: docs/format.md §9.2 and §9.3.
 */
package org.oversight.recognition.embed;
