using Borderlink.Data;
using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Goods;

/// <summary>One kind of goods: its name, HS code, whether it has priority clearance, and from when.</summary>
public sealed class GoodsItem
{
    public string Name { get; set; } = "";
    public string HsCode { get; set; } = "";
    public bool Priority { get; set; }
    public DateOnly EffectiveFrom { get; set; }
}

/// <summary>A side's list of the goods allowed through one gate pair, priority goods (farm and aquatic products) marked. Shared with the side across.</summary>
[RecordType(TypeName)]
[RecordPage("/gates/{GatePair}/goods")]
public sealed class GoodsList : CoordinationRecord
{
    public const string TypeName = "goods-list";
    public const int ItemsMax = 500;

    public required string GatePair { get; set; }
    public List<GoodsItem> Items { get; set; } = [];
    public required string Language { get; set; }
}

public enum ProposalAnswerKind
{
    Accepted = 0,
    Refused = 1,
    CounterProposal = 2,
}

/// <summary>A proposal to extend the goods list of a gate pair, sent to the side across; a counter-proposal answers an earlier one.</summary>
[RecordType(TypeName)]
[RecordPage("/gates/{GatePair}/goods")]
[AlertWhenShared(Title = nameof(Message))]
public sealed class GoodsProposal : CoordinationRecord
{
    public const string TypeName = "goods-proposal";

    public required string GatePair { get; set; }
    public List<GoodsItem> Items { get; set; } = [];
    public string Message { get; set; } = "";
    public Guid? CounterTo { get; set; }
    public required string Language { get; set; }
}

/// <summary>The answer of the side a proposal was sent to: accepted, refused, or a counter-proposal (itself a proposal, <see cref="CounterProposalId"/>).</summary>
[RecordType(TypeName)]
[RecordPage(GoodsProposal.TypeName, nameof(ProposalId))]
[AlertWhenShared(Title = nameof(Note))]
public sealed class GoodsProposalAnswer : CoordinationRecord
{
    public const string TypeName = "goods-proposal-answer";

    public Guid ProposalId { get; set; }
    public ProposalAnswerKind Kind { get; set; }
    public string Note { get; set; } = "";
    public Guid? CounterProposalId { get; set; }
}

public static class KeepGoods
{
    public sealed record Item(string? Name, string? HsCode, bool Priority, DateOnly? EffectiveFrom);

    public sealed record ListRequest(IReadOnlyList<Item>? Items, string? Language);

    public sealed record ProposalRequest(IReadOnlyList<Item>? Items, string? Message, string? Language);

    public sealed record AnswerRequest(ProposalAnswerKind Kind, string? Note, IReadOnlyList<Item>? CounterItems, string? Language);

    /// <summary>Sets the caller's side's list for a gate (a new version of its one list).</summary>
    public static async Task<Outcome<GoodsList>> SetListAsync(BorderlinkDb db, string gateCode, ListRequest r, CancellationToken ct = default)
    {
        var (gate, partner, refused) = await SideAsync(db, gateCode, ct);
        if (refused) return new Outcome<GoodsList>.Forbidden();
        var errors = Check(r.Items, "items");
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<GoodsList>.Invalid(errors);
        var list = await ListOfAsync(db, db.Viewer.Party!, gate!, partner!, ct);
        list.Items = Items(r.Items!);
        list.Language = Languages.Canonical(r.Language)!;
        await db.SaveChangesAsync(ct);
        return new Outcome<GoodsList>.Done(list);
    }

    public static async Task<Outcome<GoodsProposal>> ProposeAsync(BorderlinkDb db, string gateCode, ProposalRequest r, Guid? counterTo = null, CancellationToken ct = default)
    {
        var (gate, partner, refused) = await SideAsync(db, gateCode, ct);
        if (refused) return new Outcome<GoodsProposal>.Forbidden();
        var errors = Check(r.Items, "items");
        FieldChecks.Text(errors, "message", r.Message, 4_000, required: false);
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<GoodsProposal>.Invalid(errors);
        var proposal = new GoodsProposal
        {
            OwnerParty = db.Viewer.Party!, OwnerAgencyId = db.Viewer.AgencyId!.Value, GatePair = gate!, Items = Items(r.Items!), Message = r.Message?.Trim() ?? "",
            CounterTo = counterTo, Language = Languages.Canonical(r.Language)!,
        };
        proposal.SetVisibility(Visibility.Partners, [partner!], []);
        db.GoodsProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return new Outcome<GoodsProposal>.Done(proposal, Created: true);
    }

    /// <summary>The side a proposal was sent to answers it once; accepting adds the items to its own list at once.</summary>
    public static async Task<Outcome<GoodsProposalAnswer>> AnswerAsync(BorderlinkDb db, Guid proposalId, AnswerRequest r, CancellationToken ct = default)
    {
        var proposal = (await RecordLoader.LoadAsync<GoodsProposal>(db, proposalId, RecordOperation.Read, ct) as Outcome<GoodsProposal>.Done)?.Value;
        if (proposal is null) return new Outcome<GoodsProposalAnswer>.NotFound();
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer || !proposal.Audience.Contains(viewer.Party))
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, proposal, Audit.AuditDetail.GoodsAnswerNotAllowed());
            await db.SaveChangesAsync(ct);
            return new Outcome<GoodsProposalAnswer>.Forbidden();
        }
        if (await db.GoodsProposalAnswers.AnyAsync(a => a.ProposalId == proposalId && a.OwnerParty == viewer.Party, ct))
            return new Outcome<GoodsProposalAnswer>.Conflict("already-answered", "Goods.AlreadyAnswered");
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(r.Kind)) errors.Add(new("kind", "Error.UnknownKind"));
        FieldChecks.Text(errors, "note", r.Note, 4_000, required: r.Kind == ProposalAnswerKind.Refused);
        if (r.Kind == ProposalAnswerKind.CounterProposal) errors.AddRange(Check(r.CounterItems, "counterItems"));
        if (errors.Count > 0) return new Outcome<GoodsProposalAnswer>.Invalid(errors);
        Guid? counter = null;
        if (r.Kind == ProposalAnswerKind.CounterProposal)
        {
            var made = await ProposeAsync(db, proposal.GatePair, new ProposalRequest(r.CounterItems, r.Note, r.Language ?? proposal.Language), proposal.Id, ct);
            if (made is not Outcome<GoodsProposal>.Done { Value: var c }) return new Outcome<GoodsProposalAnswer>.Forbidden();
            counter = c.Id;
        }
        if (r.Kind == ProposalAnswerKind.Accepted)
        {
            var (gate, partner, _) = await SideAsync(db, proposal.GatePair, ct);
            var list = await ListOfAsync(db, viewer.Party, gate!, partner!, ct);
            list.Items = Merge(list.Items, proposal.Items);
        }
        var answer = new GoodsProposalAnswer
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, ProposalId = proposal.Id, Kind = r.Kind, Note = r.Note?.Trim() ?? "", CounterProposalId = counter,
        };
        answer.SetVisibility(Visibility.Partners, [proposal.OwnerParty], []);
        db.GoodsProposalAnswers.Add(answer);
        await db.SaveChangesAsync(ct);
        return new Outcome<GoodsProposalAnswer>.Done(answer, Created: true);
    }

    /// <summary>The proposing side takes accepted items into its own list.</summary>
    public static async Task<Outcome<GoodsList>> ApplyAcceptedAsync(BorderlinkDb db, Guid proposalId, CancellationToken ct = default)
    {
        var proposal = await db.GoodsProposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null) return new Outcome<GoodsList>.NotFound();
        var (gate, partner, refused) = await SideAsync(db, proposal.GatePair, ct);
        if (refused || proposal.OwnerParty != db.Viewer.Party) return new Outcome<GoodsList>.Forbidden();
        if (!await db.GoodsProposalAnswers.AnyAsync(a => a.ProposalId == proposalId && a.Kind == ProposalAnswerKind.Accepted, ct))
            return new Outcome<GoodsList>.Conflict("not-accepted", "Goods.NotAccepted");
        var list = await ListOfAsync(db, db.Viewer.Party!, gate!, partner!, ct);
        list.Items = Merge(list.Items, proposal.Items);
        await db.SaveChangesAsync(ct);
        return new Outcome<GoodsList>.Done(list);
    }

    private static async Task<(string? Gate, string? Partner, bool Refused)> SideAsync(BorderlinkDb db, string gateCode, CancellationToken ct)
    {
        var viewer = db.Viewer;
        var gate = await db.GatePairs.AsNoTracking().FirstOrDefaultAsync(g => g.Code == gateCode, ct);
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer || gate is null || !gate.HasSide(viewer.Party))
            return (null, null, true);
        return (gate.Code, gate.Across(viewer.Party), false);
    }

    private static async Task<GoodsList> ListOfAsync(BorderlinkDb db, string party, string gate, string partner, CancellationToken ct)
    {
        var list = await db.GoodsLists.FirstOrDefaultAsync(l => l.OwnerParty == party && l.GatePair == gate && l.OriginNode == null, ct);
        if (list is not null) return list;
        list = new GoodsList { OwnerParty = party, OwnerAgencyId = db.Viewer.AgencyId!.Value, GatePair = gate, Language = "en" };
        list.SetVisibility(Visibility.Partners, [partner], []);
        db.GoodsLists.Add(list);
        return list;
    }

    private static List<FieldError> Check(IReadOnlyList<Item>? items, string field)
    {
        var errors = new List<FieldError>();
        if (items is null || items.Count == 0) errors.Add(new(field, "Error.Required"));
        else if (items.Count > GoodsList.ItemsMax) errors.Add(new(field, "Error.CountRange", GoodsList.ItemsMax));
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var item = items![i];
            if (item is null || string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 200) errors.Add(new(field, "Goods.BadItem", i + 1));
            else if (item.HsCode?.Length > 12 || item.HsCode?.Any(c => !char.IsAsciiDigit(c) && c != '.') == true) errors.Add(new(field, "Goods.BadHsCode", i + 1));
            else if (item.EffectiveFrom is null) errors.Add(new(field, "Goods.NoDate", i + 1));
        }
        return errors;
    }

    private static List<GoodsItem> Items(IReadOnlyList<Item> items) =>
        items.Select(i => new GoodsItem { Name = i.Name!.Trim(), HsCode = i.HsCode?.Trim() ?? "", Priority = i.Priority, EffectiveFrom = i.EffectiveFrom!.Value }).ToList();

    /// <summary>The list with the new items added; an item already listed (same name) takes the new terms.</summary>
    private static List<GoodsItem> Merge(List<GoodsItem> current, List<GoodsItem> added) =>
        current.Where(c => added.All(a => !string.Equals(a.Name, c.Name, StringComparison.OrdinalIgnoreCase)))
            .Concat(added.Select(a => new GoodsItem { Name = a.Name, HsCode = a.HsCode, Priority = a.Priority, EffectiveFrom = a.EffectiveFrom })).ToList();

    /// <summary>Typed lines "name; HS code; priority (yes/no); effective date" as items; a line that does not read stays as an invalid item.</summary>
    public static List<Item> Parse(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(';', StringSplitOptions.TrimEntries))
            .Select(p => new Item(p[0], p.ElementAtOrDefault(1), p.ElementAtOrDefault(2)?.ToLowerInvariant() is "yes" or "true" or "có" or "是" or "oui" or "1",
                DateOnly.TryParse(p.ElementAtOrDefault(3), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null))
            .ToList();
}

internal sealed class GoodsListConfig : IEntityTypeConfiguration<GoodsList>
{
    public void Configure(EntityTypeBuilder<GoodsList> b)
    {
        b.ConfigureRecord();
        b.Property(l => l.GatePair).HasMaxLength(60);
        b.Property(l => l.Language).HasMaxLength(16);
        b.HasIndex(l => new { l.GatePair, l.OwnerParty });
        b.OwnsMany(l => l.Items, i => i.ToJson());
    }
}

internal sealed class GoodsProposalConfig : IEntityTypeConfiguration<GoodsProposal>
{
    public void Configure(EntityTypeBuilder<GoodsProposal> b)
    {
        b.ConfigureRecord();
        b.Property(p => p.GatePair).HasMaxLength(60);
        b.Property(p => p.Message).HasMaxLength(4_000);
        b.Property(p => p.Language).HasMaxLength(16);
        b.HasIndex(p => p.GatePair);
        b.OwnsMany(p => p.Items, i => i.ToJson());
    }
}

internal sealed class GoodsProposalAnswerConfig : IEntityTypeConfiguration<GoodsProposalAnswer>
{
    public void Configure(EntityTypeBuilder<GoodsProposalAnswer> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Note).HasMaxLength(4_000);
        b.HasIndex(a => a.ProposalId);
    }
}
