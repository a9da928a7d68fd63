using Borderlink.Web;

namespace Borderlink.Sharing;

/// <summary>The operations a person may ask to perform on one record.</summary>
public enum RecordOperation
{
    Read,
    Edit,
    Share,
}

/// <summary>
/// Resource-based authorization for coordination records. Reading is already decided by the query filter
/// (an invisible record is simply not found); the single-writer rule and the liaison's right to share are decided here.
/// </summary>
public static class RecordAccess
{
    public static bool Allows(Viewer viewer, CoordinationRecord record, RecordOperation operation) => operation switch
    {
        RecordOperation.Read => true,
        // A replica is read-only everywhere: its owner changes it on its own node.
        RecordOperation.Edit => !record.IsReplica && viewer.Party == record.OwnerParty && viewer.IsOfficer,
        RecordOperation.Share => !record.IsReplica && viewer.Party == record.OwnerParty && viewer.IsLiaison,
        _ => false,
    };
}
