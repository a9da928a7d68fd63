namespace Borderlink;

/// <summary>Marker for the UI strings in Resources/SharedResource.{culture}.resx.</summary>
public sealed class SharedResource;
