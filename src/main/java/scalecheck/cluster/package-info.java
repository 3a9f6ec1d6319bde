/**
 * Running a sweep on many machines without a coordinator: deterministic sharding of runs by their key
 * ({@link scalecheck.cluster.Shard}), a per-shard manifest that says which inputs and settings produced a
 * results folder ({@link scalecheck.cluster.ShardManifest}), merging of shard folders into one
 * {@code results.jsonl} ({@link scalecheck.cluster.ResultsMerger}) and the Slurm job-array scripts that
 * run the shards and then merge and report ({@link scalecheck.cluster.SlurmScript}).
 *
 * <p>The flow on a Slurm cluster: task {@code I} of an array of {@code N} runs {@code scalecheck verify
 * ... --shard I/N --out RUN/shard-I}; a job that depends on the whole array runs {@code scalecheck merge
 * RUN/shard-1 ... RUN/shard-N --out RUN/merged} and then {@code scalecheck verify ... --out RUN/merged},
 * which finds every run already done and only fits and reports. Each run lands in exactly one shard and
 * its record is byte-identical to the one an in-process run writes, so the merged results equal a
 * single-machine run's (up to the measured {@code wallSeconds}).
 *
 * <p>Slurm job arrays: Slurm workload manager documentation, "Job Array Support"
 * (sbatch {@code --array}, {@code SLURM_ARRAY_TASK_ID}, {@code --dependency=afterok}).
 */
package scalecheck.cluster;
