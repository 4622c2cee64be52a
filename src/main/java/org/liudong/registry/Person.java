package org.liudong.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.liudong.eligibility.Classification;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.OrgPath;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person on the ledger (aggregate): identity and family as last recorded, the Decree 555 classification,
 * and the residence episodes. Sensitive values arrive sealed (encrypted, hashed, masked) from the service;
 * state changes are named methods that keep the episodes consistent.
 */
@Table("person")
public class Person {

    /** ACTIVE lives in the area; MOVED_OUT left it; MERGED was folded into another record. */
    public enum Status {
        ACTIVE,
        MOVED_OUT,
        MERGED
    }

    /** The sealed forms of a person's sensitive values. */
    record Sealed(
            String idNumberEnc,
            String idNumberHash,
            String idNumberMasked,
            String phoneEnc,
            String spouseIdEnc,
            String spouseIdHash,
            String contentHash) {}

    @Id
    private Long id;

    private String idNumberEnc;
    private String idNumberHash;
    private String idNumberMasked;
    private String contentHash;
    private String name;
    private String sex;
    private LocalDate birthDate;
    private String ethnicity;
    private String education;
    private String maritalStatus;
    private String householdType;
    private String householdCode;
    private String householdAddress;
    private String phoneEnc;
    private String employer;
    private String occupation;
    private String spouseName;
    private String spouseIdEnc;
    private String spouseIdHash;
    private String spouseHouseholdCode;
    private String contraceptionCode;
    private LocalDate contraceptionSince;
    private String pregnancyStatus;
    private String certNumber;
    private String certIssuer;
    private LocalDate certIssuedOn;
    private LocalDate certValidUntil;
    private LocalDate certCheckedOn;
    private String certCheckedBy;
    private String category;
    private String categoryArticle;
    private String categoryReason;
    private LocalDate classifiedOn;
    private Status status;
    private Long mergedInto;
    private String orgPath;
    private String communityCode;
    private LocalDate lastVerifiedOn;
    private Instant createdAt;
    private String createdBy;
    private Instant updatedAt;
    private String updatedBy;

    @MappedCollection(idColumn = "person_id", keyColumn = "seq")
    private List<ChildRecord> children = new ArrayList<>();

    @MappedCollection(idColumn = "person_id", keyColumn = "seq")
    private List<ResidenceEpisode> episodes = new ArrayList<>();

    @Version
    private Integer version;

    @PersistenceCreator
    Person() {}

    static Person register(
            PersonDetails details,
            Sealed sealed,
            Residence residence,
            OrgPath communityPath,
            Classification classification,
            String actor,
            Instant now,
            LocalDate today) {
        Person person = new Person();
        person.status = Status.ACTIVE;
        person.createdAt = now;
        person.createdBy = actor;
        person.apply(details, sealed, classification, actor, now, today);
        person.episodes.add(episode(residence, communityPath));
        person.orgPath = communityPath.value();
        person.communityCode = residence.communityCode();
        return person;
    }

    /** Replaces identity and family details; the caller has recorded what changed. */
    void apply(
            PersonDetails details,
            Sealed sealed,
            Classification classification,
            String actor,
            Instant now,
            LocalDate today) {
        requireNotMerged();
        idNumberEnc = sealed.idNumberEnc();
        idNumberHash = sealed.idNumberHash();
        idNumberMasked = sealed.idNumberMasked();
        contentHash = sealed.contentHash();
        name = details.name();
        sex = details.sex();
        birthDate = details.birthDate();
        ethnicity = details.ethnicity();
        education = details.education();
        maritalStatus = details.maritalStatus();
        householdType = details.householdType();
        householdCode = details.householdCode();
        householdAddress = details.householdAddress();
        phoneEnc = sealed.phoneEnc();
        employer = details.employer();
        occupation = details.occupation();
        spouseName = details.spouse().name();
        spouseIdEnc = sealed.spouseIdEnc();
        spouseIdHash = sealed.spouseIdHash();
        spouseHouseholdCode = details.spouse().householdCode();
        contraceptionCode = details.contraceptionCode();
        contraceptionSince = details.contraceptionSince();
        pregnancyStatus = details.pregnancyStatus();
        var certificate = details.certificate();
        certNumber = certificate.number();
        certIssuer = certificate.issuer();
        certIssuedOn = certificate.issuedOn();
        certValidUntil = certificate.validUntil();
        certCheckedOn = certificate.checkedOn();
        certCheckedBy = certificate.checkedBy();
        children = new ArrayList<>(details.children().stream()
                .map(child -> new ChildRecord(child.birthDate(), child.sex(), child.childOrder()))
                .toList());
        classify(classification, today);
        touch(actor, now);
    }

    /** Moves to another community of the district: closes the open episode and opens the next. */
    void moveWithin(Residence residence, OrgPath communityPath, String actor, Instant now) {
        ResidenceEpisode open = requireActive();
        if (residence.movedIn().isBefore(open.movedIn())) {
            throw new InvalidInput("on", "搬迁日期不能早于本次入住日期 " + open.movedIn());
        }
        replaceOpen(open.close(residence.movedIn(), "MOVED_WITHIN", residence.communityCode()));
        episodes.add(episode(residence, communityPath));
        orgPath = communityPath.value();
        communityCode = residence.communityCode();
        touch(actor, now);
    }

    /** Leaves the district: closes the open episode, with the destination (a division code) when known. */
    void moveOut(LocalDate on, String destinationCode, String actor, Instant now) {
        ResidenceEpisode open = requireActive();
        if (on.isBefore(open.movedIn())) {
            throw new InvalidInput("on", "迁出日期不能早于本次入住日期 " + open.movedIn());
        }
        replaceOpen(open.close(on, "MOVED_OUT", destinationCode));
        status = Status.MOVED_OUT;
        touch(actor, now);
    }

    /** A person who moved out comes back: a new episode opens. */
    void comeBack(Residence residence, OrgPath communityPath, String actor, Instant now) {
        requireNotMerged();
        if (status != Status.MOVED_OUT) {
            throw new InvalidInput("type", "此人仍在本地居住，不能办理返回登记");
        }
        LocalDate lastOut = episodes.get(episodes.size() - 1).movedOut();
        if (lastOut != null && residence.movedIn().isBefore(lastOut)) {
            throw new InvalidInput("on", "返回日期不能早于上次迁出日期 " + lastOut);
        }
        episodes.add(episode(residence, communityPath));
        status = Status.ACTIVE;
        orgPath = communityPath.value();
        communityCode = residence.communityCode();
        touch(actor, now);
    }

    /** A verification visit (核实) found the person still living here. */
    void verify(LocalDate on, String actor, Instant now) {
        requireActive();
        if (lastVerifiedOn == null || on.isAfter(lastVerifiedOn)) {
            lastVerifiedOn = on;
        }
        touch(actor, now);
    }

    /** Stores a new classification; answers whether the category changed. */
    boolean classify(Classification classification, LocalDate on) {
        boolean changed =
                category != null && !category.equals(classification.category().name());
        category = classification.category().name();
        categoryArticle = classification.article();
        categoryReason = classification.reason();
        classifiedOn = on;
        return changed;
    }

    /** Takes over the other record's residence episodes and children; the other is then marked merged. */
    void absorb(Person other, String actor, Instant now) {
        requireNotMerged();
        other.requireNotMerged();
        List<ResidenceEpisode> all = new ArrayList<>(episodes);
        for (ResidenceEpisode episode : other.episodes) {
            if (episode.isOpen() && currentEpisode().isPresent()) {
                all.add(episode.close(currentEpisode().get().movedIn(), "MERGED", null));
            } else {
                all.add(episode);
            }
        }
        all.sort(Comparator.comparing(ResidenceEpisode::movedIn));
        episodes = all;
        for (ChildRecord child : other.children) {
            if (!children.contains(child)) {
                children.add(child);
            }
        }
        if (status == Status.MOVED_OUT && other.status == Status.ACTIVE) {
            status = Status.ACTIVE;
            orgPath = other.orgPath;
            communityCode = other.communityCode;
        }
        if (other.lastVerifiedOn != null && (lastVerifiedOn == null || other.lastVerifiedOn.isAfter(lastVerifiedOn))) {
            lastVerifiedOn = other.lastVerifiedOn;
        }
        touch(actor, now);
    }

    void markMergedInto(long keptId, String actor, Instant now) {
        requireNotMerged();
        status = Status.MERGED;
        mergedInto = keptId;
        touch(actor, now);
    }

    public Optional<ResidenceEpisode> currentEpisode() {
        if (episodes.isEmpty()) {
            return Optional.empty();
        }
        ResidenceEpisode last = episodes.get(episodes.size() - 1);
        return last.isOpen() ? Optional.of(last) : Optional.empty();
    }

    /** The most recent episode, open or closed. */
    public ResidenceEpisode lastEpisode() {
        return episodes.get(episodes.size() - 1);
    }

    private ResidenceEpisode requireActive() {
        requireNotMerged();
        return currentEpisode()
                .filter(episode -> status == Status.ACTIVE)
                .orElseThrow(() -> new InvalidInput("type", "此人已迁出，请先办理返回登记"));
    }

    private void requireNotMerged() {
        if (status == Status.MERGED) {
            throw new InvalidInput("id", "该记录已合并到 " + mergedInto + "，不能再修改");
        }
    }

    private void replaceOpen(ResidenceEpisode closed) {
        episodes.set(episodes.size() - 1, closed);
    }

    private void touch(String actor, Instant now) {
        updatedAt = now;
        updatedBy = actor;
    }

    private static ResidenceEpisode episode(Residence residence, OrgPath path) {
        return new ResidenceEpisode(
                residence.communityCode(),
                residence.siteId(),
                path.value(),
                residence.address(),
                residence.housingType(),
                residence.movedIn(),
                null,
                residence.purpose().name(),
                residence.expectsReturn(),
                null,
                null);
    }

    public Long id() {
        return id;
    }

    public Integer version() {
        return version;
    }

    public String name() {
        return name;
    }

    public String sex() {
        return sex;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public String ethnicity() {
        return ethnicity;
    }

    public String education() {
        return education;
    }

    public String maritalStatus() {
        return maritalStatus;
    }

    public String householdType() {
        return householdType;
    }

    public String householdCode() {
        return householdCode;
    }

    public String householdAddress() {
        return householdAddress;
    }

    String idNumberEnc() {
        return idNumberEnc;
    }

    String idNumberHash() {
        return idNumberHash;
    }

    public String idNumberMasked() {
        return idNumberMasked;
    }

    String phoneEnc() {
        return phoneEnc;
    }

    String spouseIdEnc() {
        return spouseIdEnc;
    }

    public String employer() {
        return employer;
    }

    public String occupation() {
        return occupation;
    }

    public String spouseName() {
        return spouseName;
    }

    public String spouseHouseholdCode() {
        return spouseHouseholdCode;
    }

    public String contraceptionCode() {
        return contraceptionCode;
    }

    public LocalDate contraceptionSince() {
        return contraceptionSince;
    }

    public String pregnancyStatus() {
        return pregnancyStatus;
    }

    public PersonDetails.Certificate certificate() {
        return new PersonDetails.Certificate(
                certNumber, certIssuer, certIssuedOn, certValidUntil, certCheckedOn, certCheckedBy);
    }

    public List<PersonDetails.Child> children() {
        return children.stream()
                .map(child -> new PersonDetails.Child(child.birthDate(), child.sex(), child.childOrder()))
                .toList();
    }

    public List<ResidenceEpisode> episodes() {
        return List.copyOf(episodes);
    }

    public String category() {
        return category;
    }

    public String categoryArticle() {
        return categoryArticle;
    }

    public String categoryReason() {
        return categoryReason;
    }

    public LocalDate classifiedOn() {
        return classifiedOn;
    }

    public Status status() {
        return status;
    }

    public Long mergedInto() {
        return mergedInto;
    }

    public OrgPath orgPath() {
        return new OrgPath(orgPath);
    }

    public String communityCode() {
        return communityCode;
    }

    public LocalDate lastVerifiedOn() {
        return lastVerifiedOn;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
