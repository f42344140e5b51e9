/**
 * The ONNX Runtime engine: the device a user asks for ({@code auto}, {@code cpu}, {@code cuda[:N]}), which
 * execution providers work on this machine, and sessions made from a {@link org.lossbench.core.engine.SessionConfig}
 * (docs/engine.md). With {@code core.provenance}, the only part of {@code core} that needs ONNX Runtime on the class
 * path; modules that do not open sessions ({@code datasets}, {@code eval}) do not carry it.
 */
package org.lossbench.core.engine;

