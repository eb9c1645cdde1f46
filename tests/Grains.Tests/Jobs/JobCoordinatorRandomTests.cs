using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Jobs.Coordination;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// Seeded random runs of a job against a simulated cluster: reports (success, failure, storage unreachable, late and
/// duplicate ones of old attempts), silos lost (liveness answers false or none), failed starts, saves and merges, and
/// clock ticks; each run is checked against the coordinator's invariants.
/// </summary>
public sealed class JobCoordinatorRandomTests
{
    private const int MaxSteps = 20_000;

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void OnReport_RandomReportsLossesAndTicks_EveryPartitionCountedOnceWindowKeptAndTheJobEnds(int seed)
    {
        // Each seed runs a batch of jobs, so 40 cases cover 40 x 25 runs.
        for (var run = 0; run < 25; run++)
        {
            new Simulation(new Random((seed * 1_000) + run)).Run();
        }
    }

    [Fact]
    public void OnReport_RandomRunsWithoutPermanentErrors_MostComplete()
    {
        var completed = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            completed += new Simulation(new Random(seed), lenient: true).Run() == JobState.Completed ? 1 : 0;
        }

        Assert.True(completed > 150, $"only {completed} of 200 runs completed: the simulation no longer exercises the path to the end");
    }

    private sealed class Simulation
    {
        private readonly Random _random;
        private readonly CoordinatorHarness _h;
        private readonly bool _lenient;
        private readonly long[] _quotes;
        private readonly HashSet<(int Index, int Attempt)> _inFlight = [];
        private readonly Dictionary<(int Index, int Attempt), bool?> _lost = [];
        private readonly List<PartitionReport> _sent = [];
        private readonly List<(int Index, int Attempt)> _zombies = [];
        private readonly Dictionary<int, PartitionReport> _counted = [];
        private readonly string _label;

        public Simulation(Random random, bool lenient = false)
        {
            _random = random;
            _lenient = lenient;
            var wholeBlobs = random.Next(0, 6);
            var cutRanges = random.Next(wholeBlobs == 0 ? 2 : 0, 6);
            var plan = CoordinatorHarness.WholeBlobs(wholeBlobs).Concat(cutRanges > 1 ? CoordinatorHarness.CutBlob(cutRanges) : []).ToList();
            _quotes = plan.Select(_ => (long)random.Next(0, 4)).ToArray();
            var options = new JobOptions
            {
                MaxPartitionsInFlight = random.Next(1, 5),
                MaxAttempts = lenient ? 20 : random.Next(2, 6),
                MaxLostAttempts = lenient ? 50 : random.Next(2, 12),
                StorageOutageLimit = TimeSpan.FromSeconds(random.Next(lenient ? 600 : 20, 900)),
            };
            _h = new CoordinatorHarness(plan, options, random.NextDouble);
            _label = $"{plan.Count} partitions, window {options.MaxPartitionsInFlight}";
        }

        public JobState Run()
        {
            var steps = 0;
            for (; steps < MaxSteps && (_h.Coordinator.IsActive || _h.Coordinator.IsDirty); steps++)
            {
                var before = Snapshot();
                var roll = _random.NextDouble();
                if (roll < 0.35 || _inFlight.Count == 0)
                {
                    Tick();
                }
                else if (roll < 0.55)
                {
                    ReportCurrent();
                }
                else if (roll < 0.7)
                {
                    ReplayOld(before);
                }
                else if (roll < 0.78)
                {
                    LoseSilo();
                }
                else
                {
                    ReportCurrent();
                }

                CheckWindow();
            }

            Assert.True(steps < MaxSteps, $"{_label}: the job did not end in {MaxSteps} steps ({_h.Job.State})");
            Assert.Contains(_h.Job.State, new[] { JobState.Completed, JobState.Failed });
            CheckCounted();
            return _h.Job.State;
        }

        private void Tick()
        {
            _h.Time.Advance(TimeSpan.FromMilliseconds(_random.Next(0, 3_000)));
            var c = _h.Coordinator;
            if (!c.TryBeginMerge() && _h.Job.State == JobState.Running)
            {
                var answers = c.DueLivenessChecks()
                    .Select(check => (check, _lost.TryGetValue((check.Index, check.Attempt), out var answer) ? answer : _inFlight.Contains((check.Index, check.Attempt))))
                    .Select(x => (x.check, Running: (bool?)x.Item2))
                    .ToList();
                foreach (var failure in c.OnLivenessAnswers(answers))
                {
                    Forget(failure.Index, failure.Attempt);
                }

                foreach (var start in c.StartPending(_h.Plan))
                {
                    Assert.True(_h.Job.Partitions[start.Index].Status == PartitionStatus.Running, $"{_label}: started but not running");
                    Assert.Equal(_h.Job.Partitions[start.Index].StartsInsideQuotes, start.Slices[0].StartsInsideQuotes);
                    if (_random.NextDouble() < 0.05)
                    {
                        Assert.Null(c.OnStartFailed(start, "start refused"));
                        _zombies.Add((start.Index, start.Attempt)); // the start may have landed after all
                    }
                    else
                    {
                        _inFlight.Add((start.Index, start.Attempt));
                    }
                }
            }

            if (c.IsMergeDue)
            {
                if (_random.NextDouble() < 0.2)
                {
                    c.OnMergeUnreachable("connection refused");
                }
                else
                {
                    c.OnMerged();
                }
            }

            c.CheckStorageOutage();
            if (c.IsSaveDue || (!c.IsActive && c.IsDirty))
            {
                if (_random.NextDouble() < 0.1)
                {
                    c.OnSaveFailed("server busy", unreachable: _random.NextDouble() < 0.5);
                }
                else
                {
                    c.OnSaved();
                }
            }
        }

        private void ReportCurrent()
        {
            if (_inFlight.Count == 0)
            {
                return;
            }

            var (index, attempt) = _inFlight.ElementAt(_random.Next(_inFlight.Count));
            if (_lost.ContainsKey((index, attempt)) && _random.NextDouble() < 0.8)
            {
                return; // a lost attempt mostly stays silent
            }

            var roll = _random.NextDouble();
            var report = roll switch
            {
                < 0.15 => CoordinatorHarness.Failure(index, attempt, "transient", quotes: QuotesOf(index)),
                < 0.25 => CoordinatorHarness.Failure(index, attempt, "refused", storageUnreachable: true),
                < 0.27 when !_lenient => CoordinatorHarness.Failure(index, attempt, "bad input", permanent: true, quotes: QuotesOf(index)),
                _ => CoordinatorHarness.Success(index, attempt, rows: (index * 1_000) + attempt, quotes: QuotesOf(index)),
            };
            var wasDone = _h.Job.Partitions.Select(p => p.Status == PartitionStatus.Done).ToArray();
            var decision = _h.Coordinator.OnReport(report, _h.Plan);
            _sent.Add(report);
            _inFlight.Remove((index, attempt));
            if (decision.Kind != ReportKind.Current)
            {
                return;
            }

            if (report.Succeeded && _h.Job.Partitions[index].Status == PartitionStatus.Done)
            {
                _counted[index] = report;
            }

            for (var i = 0; i < wasDone.Length; i++)
            {
                if (wasDone[i] && _h.Job.Partitions[i].Status != PartitionStatus.Done)
                {
                    Assert.Contains(i, decision.QuoteReruns); // only a wrong quote guess takes a done partition back
                    _counted.Remove(i);
                }
            }
        }

        /// <summary>A report the coordinator must not count: one already sent (late or duplicate), or one of an attempt it gave up on.</summary>
        private void ReplayOld(string before)
        {
            var old = _sent.Concat(_zombies.Select(z => CoordinatorHarness.Success(z.Index, z.Attempt, rows: 9_999_999, quotes: QuotesOf(z.Index)))).ToList();
            if (old.Count == 0)
            {
                return;
            }

            var report = old[_random.Next(old.Count)];
            var replay = _random.NextDouble() < 0.5 ? report : report with { Succeeded = !report.Succeeded, Rows = report.Rows + 1_000_000 };
            Assert.NotEqual(ReportKind.Current, _h.Coordinator.OnReport(replay, _h.Plan).Kind);
            Assert.Equal(before, Snapshot());
        }

        private void LoseSilo()
        {
            var running = _inFlight.Where(a => !_lost.ContainsKey(a)).ToList();
            if (running.Count > 0)
            {
                _lost[running[_random.Next(running.Count)]] = _random.NextDouble() < 0.5 ? false : null;
            }
        }

        private void Forget(int index, int attempt)
        {
            _zombies.Add((index, attempt)); // it may still run and report, late
            _inFlight.Remove((index, attempt));
            _lost.Remove((index, attempt));
        }

        private long? QuotesOf(int index) => _h.Plan[index] is [{ RangeStart: 0, RangeEnd: long.MaxValue }] ? null : _quotes[index];

        private void CheckWindow()
        {
            var running = _h.Job.Partitions.Count(p => p.Status == PartitionStatus.Running);
            Assert.True(running <= _h.Options.MaxPartitionsInFlight, $"{_label}: {running} running");
        }

        private void CheckCounted()
        {
            var partitions = _h.Job.Partitions;
            if (_h.Job.State == JobState.Completed)
            {
                Assert.All(partitions, p => Assert.Equal(PartitionStatus.Done, p.Status));
                Assert.Equal(partitions.Count, _counted.Count);
            }

            for (var i = 0; i < partitions.Count; i++)
            {
                if (partitions[i].Status == PartitionStatus.Done)
                {
                    var counted = _counted[i];
                    Assert.Equal(counted.Attempt, partitions[i].Attempt);
                    Assert.Equal(counted.Rows, partitions[i].Rows);
                }
            }

            var done = partitions.Where(p => p.Status == PartitionStatus.Done).Sum(p => p.Rows);
            Assert.Equal(_counted.Where(c => partitions[c.Key].Status == PartitionStatus.Done).Sum(c => c.Value.Rows), done);
            if (_h.Job.State == JobState.Completed)
            {
                // The quote chain of the cut blob agrees with every counted attempt's guess.
                var cut = Enumerable.Range(0, partitions.Count).Where(i => QuotesOf(i) is not null).ToList();
                var states = OrleansProc.Engine.Io.QuoteParity.TrueStartStates(cut.Select(i => _quotes[i]).ToList());
                Assert.Equal(states, cut.Select(i => partitions[i].StartsInsideQuotes));
            }
        }

        private string Snapshot() =>
            $"{_h.Job.State}|{_h.Job.Retries}|" + string.Join(';', _h.Job.Partitions.Select(p =>
                $"{p.Status},{p.Attempt},{p.Failures},{p.LostAttempts},{p.StorageRetries},{p.Rows},{p.RetryAt:O},{p.StartsInsideQuotes},{p.QuoteCount}"));
    }
}
