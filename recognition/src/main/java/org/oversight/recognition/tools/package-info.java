/**
 * Command-line helpers around the recognition network for golden-file generation and cross-checks
 * against face-api.
 */
package org.oversight.recognition.tools;
