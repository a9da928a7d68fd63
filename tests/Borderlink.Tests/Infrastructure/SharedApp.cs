using Borderlink.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(SharedApp))]

namespace Borderlink.Tests.Infrastructure;

/// <summary>One app and database for the tests that do not need a fresh one; each test writes its own records.</summary>
public sealed class SharedApp : BorderlinkApp;
