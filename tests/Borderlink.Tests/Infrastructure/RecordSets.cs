using Borderlink.Data;
using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Infrastructure;

/// <summary>The table of a record type known only at run time (tests that enumerate every record type).</summary>
public static class RecordSets
{
    public static IQueryable<CoordinationRecord> Of(BorderlinkDb db, Type type) =>
        (IQueryable<CoordinationRecord>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type).Invoke(db, null)!;
}
