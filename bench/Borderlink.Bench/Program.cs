using Borderlink.Bench;

// dotnet run -c Release --project bench/Borderlink.Bench -- <scenario> [seconds]
var scenario = args.FirstOrDefault() ?? "help";
var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 5;
switch (scenario)
{
    case "gazetteer":
        GazetteerBench.Run(TimeSpan.FromSeconds(seconds));
        return 0;
    default:
        Console.WriteLine("Scenarios: gazetteer [seconds]");
        return scenario == "help" ? 0 : 64;
}
