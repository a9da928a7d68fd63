using Borderlink.Bench;

// dotnet run -c Release --project bench/Borderlink.Bench -- <scenario> [seconds | count]
// Engine: SQLite files by default; PostgreSQL with BORDERLINK_TEST_DB=postgres and BORDERLINK_TEST_PG (a role with CREATEDB).
var scenario = args.FirstOrDefault() ?? "help";
var number = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 0;
switch (scenario)
{
    case "gazetteer":
        GazetteerBench.RunShipped(TimeSpan.FromSeconds(number > 0 ? number : 5));
        GazetteerBench.Run(TimeSpan.FromSeconds(number > 0 ? number : 5));
        return 0;
    case "exchange-latency":
        await ExchangeBench.LatencyAsync(TimeSpan.FromSeconds(number > 0 ? number : 30), writers: 100);
        return 0;
    case "exchange-backlog":
        await ExchangeBench.BacklogAsync(number > 0 ? number : 10_000);
        return 0;
    case "exchange-recovery":
        await ExchangeBench.RecoveryAsync(number > 0 ? number : 10_000,
            TimeSpan.FromSeconds(args.Length > 2 && int.TryParse(args[2], out var outage) ? outage : 600));
        return 0;
    case "situation-import":
        await SituationBench.ImportAsync(number > 0 ? number : 100_000);
        return 0;
    case "situation-dashboard":
        await SituationBench.DashboardAsync(number > 0 ? number : 200);
        return 0;
    case "crossing-ingest":
        await CrossingBench.IngestAsync(number > 0 ? number : 1_000_000);
        return 0;
    case "write-contention":
        // (a) and (c): many writers at once (seconds), then (b): ten writers during a crossing batch (rows).
        await WritersBench.RunAsync(number > 0 ? number : 30);
        await ContentionBench.DuringBatchAsync(args.Length > 2 && int.TryParse(args[2], out var rows) ? rows : 1_000_000);
        return 0;
    case "crossing-parse":
        await CrossingParseBench.RunAsync(number > 0 ? number : 1_000_000);
        return 0;
    case "signing":
        await SigningBench.RunAsync(number > 0 ? number : 5_000);
        return 0;
    case "gate-dashboard":
        await GateDashboardBench.RunAsync(200, number > 0 ? number : 10_000_000);
        return 0;
    case "map":
        await MapBench.RunAsync(number > 0 ? number : 400);
        return 0;
    default:
        Console.WriteLine("Scenarios: gazetteer [seconds] | exchange-latency [seconds] | exchange-backlog [messages] | exchange-recovery [messages] [outage-seconds] | situation-import [rows] | situation-dashboard [requests] | crossing-ingest [rows] | write-contention [rows] | crossing-parse [rows] | gate-dashboard [crossings] | signing [messages] | map [requests]");
        return scenario == "help" ? 0 : 64;
}
