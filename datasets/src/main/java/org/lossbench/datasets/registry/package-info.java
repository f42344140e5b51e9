/**
 * The datasets lossbench knows by name: the built-in phantoms, the real datasets shipped with the
 * installation and the ones a user registered. It wires the phantoms ({@code datasets.phantom}) and the specs
 * ({@code datasets.spec}) together, so it sits above both.
 */
package org.lossbench.datasets.registry;

