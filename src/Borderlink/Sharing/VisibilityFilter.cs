using System.Linq.Expressions;
using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing;

/// <summary>
/// The one place visibility is enforced for reads: a global query filter on every <see cref="CoordinationRecord"/>
/// type, bound to the <see cref="Viewer"/> of the DbContext. Pages and endpoints never filter by party themselves.
/// </summary>
public static class VisibilityFilter
{
    public static void ApplyToAllRecords(ModelBuilder modelBuilder, BorderlinkDb db)
    {
        var apply = typeof(VisibilityFilter).GetMethod(nameof(Apply), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => t.BaseType is null && typeof(CoordinationRecord).IsAssignableFrom(t.ClrType)))
        {
            apply.MakeGenericMethod(entity.ClrType).Invoke(null, [modelBuilder, db]);
        }
    }

    private static void Apply<T>(ModelBuilder modelBuilder, BorderlinkDb db) where T : CoordinationRecord
    {
        modelBuilder.Entity<T>().HasQueryFilter(Build<T>(db));
    }

    private static Expression<Func<T, bool>> Build<T>(BorderlinkDb db) where T : CoordinationRecord =>
        r => db.ViewerIsSystem
             || (db.ViewerParty != null
                 && (r.OwnerParty == db.ViewerParty || r.AudienceParties.Contains(db.ViewerPartyToken!))
                 && (r.Visibility != Visibility.Restricted
                     || r.OwnerAgencyId == db.ViewerAgencyId
                     || r.RestrictedFunctions.Contains(db.ViewerFunctionToken!)));
}
