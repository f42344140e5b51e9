/**
 * The command line's shared options and value types, in picocli's own idioms: option groups as
 * {@code @Mixin}s that several commands share ({@link org.lossbench.cli.options.EngineOptions},
 * {@link org.lossbench.cli.options.InferenceOptions}, {@link org.lossbench.cli.options.TrainingOptions},
 * {@link org.lossbench.cli.options.EvaluationOptions}, {@link org.lossbench.cli.options.WorkerThreads}), the
 * {@code ITypeConverter}s that check a value where it is parsed (sizes, devices, thread counts, specs,
 * policies), and the sweep's groups, one per section of its spec file, whose defaults come from that file
 * ({@link org.lossbench.cli.options.SpecFileDefaults}).
 */
package org.lossbench.cli.options;
