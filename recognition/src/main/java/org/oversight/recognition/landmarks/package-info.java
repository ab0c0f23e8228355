/**
 * face-api's 68-point landmark network in pure Java with its pre- and post-processing. Spec:
 * docs/format.md §9.7.
 */
package org.oversight.recognition.landmarks;
