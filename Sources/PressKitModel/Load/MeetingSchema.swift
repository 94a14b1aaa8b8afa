import Foundation

/// The meeting file format: everything a press office states about one meeting, in one or more languages.
public enum MeetingSchema {
    static let person: Schema = .object([
        Field("name", .text, required: true, "the person's name, e.g. Cédric O"),
        Field("role", .text, "their office, e.g. {fr: secrétaire d'État chargé du Numérique, en: …}"),
    ])

    /// An image with the text that stands for it; `alt: decorative` for an image that says nothing.
    static let image: Schema = .object([
        Field("file", .string(.path), required: true, "an SVG, PNG or JPEG file beside the meeting file or in Assets/"),
        Field("alt", .text, required: true, "what the image shows, for readers who cannot see it (or: decorative)"),
    ])

    /// Someone the meeting's texts name: a host, a speaker, a signatory, a contact.
    static let registeredPerson: Schema = .object([
        Field("id", .string(.identifier), required: true, "a short name the rest of the file refers to them by, e.g. cedric-o"),
        Field("name", .text, required: true, "as printed, e.g. Cédric O"),
        Field("role", .text, "their office, per language"),
        Field("organisation", .string(.identifier), "the id of their organisation in `organisations`"),
        Field("country", .string(.plain), "ISO 3166 code, e.g. FR"),
        Field("portrait", .object([
            Field("file", .string(.path), required: true),
            Field("alt", .text, required: true),
            Field("credit", .text),
        ]), "a photo of them, with its credit"),
    ])

    /// A ministry, a delegation, an international organisation.
    static let organisation: Schema = .object([
        Field("id", .string(.identifier), required: true, "a short name, e.g. oecd"),
        Field("name", .text, required: true, "as printed, per language"),
        Field("short", .text, "its acronym, e.g. {fr: OCDE, en: OECD}"),
        Field("country", .string(.plain), "ISO 3166 code, e.g. FR"),
    ])

    static let issuer: Schema = .object([
        Field("name", .text, required: true, "the ministry's name, per language"),
        Field("logo", image, "the ministry's logo"),
    ])

    static let participantGroup: Schema = .object([
        Field("id", .string(.identifier), required: true, "a short name for the group, e.g. g7, invited, organisations"),
        Field("name", .text, required: true, "the group's name, e.g. {fr: Membres du G7, en: G7 members}"),
        Field("members", .list(.text, minCount: 0), "the countries or bodies in the group"),
        Field("summary", .text, "the sentence that presents the group in the communiqué"),
    ])

    static let theme: Schema = .object([
        Field("title", .text, required: true, "the theme's short title"),
        Field("summary", .text, required: true, "the theme as stated in the communiqué"),
        Field("body", .list(.text, minCount: 0), "the theme's paragraphs in the press kit"),
    ])

    static let statement: Schema = .object([
        Field("person", .string(.identifier), "the id in `people` of who said it: their name and role are printed"),
        Field("speaker", .text, "who said it, when they are not in `people`"),
        Field("role", .text),
        Field("text", .text, required: true, "without quotation marks"),
    ])

    static let photo: Schema = .object([
        Field("id", .string(.identifier), "a short name to place it in a section's text as ![](id)"),
        Field("file", .string(.path), required: true, "a JPEG or PNG beside the meeting file"),
        Field("alt", .text, required: true, "what the photo shows, for readers who cannot see it (or: decorative)"),
        Field("caption", .text),
        Field("credit", .text, "photographer or agency, printed after ©"),
    ])

    static let quote: Schema = .object([
        Field("person", .string(.identifier), "the id in `people` of who said it: their name and role are printed"),
        Field("speaker", .text, "who said it, when they are not in `people`"),
        Field("role", .text, "the speaker's office (default: their role in `people`)"),
        Field("context", .text, "the words that introduce the quote, e.g. À cette occasion, Cédric O a déclaré :"),
        Field("text", .text, required: true, "the quote itself, without quotation marks: the original words and their translations"),
        Field("said-in", .string(.languageCode), "the language it was said in, when it is not the source language: its text in that language is the original, printed beside the translation"),
    ])

    static let event: Schema = .object([
        Field("name", .text, required: true, "e.g. {fr: sommet de Biarritz, en: Biarritz Summit}"),
        Field("start", .day, required: true, "first day"),
        Field("end", .day, "last day, when it lasts several days"),
        Field("place", .text),
        Field("text", .text, "the paragraph that announces it"),
    ])

    static let relatedDocument: Schema = .object([
        Field("title", .text, required: true, "e.g. {fr: Le résumé de la présidence, en: The Chair's summary}"),
        Field("links", .perLanguage(.string(.url)), required: true, "one address per language: {fr: https://…, en: https://…}"),
    ])

    static let contact: Schema = .object([
        Field("office", .text, required: true, "e.g. Cabinet de Cédric O"),
        Field("person", .string(.identifier), "the id in `people` of the person to ask for"),
        Field("name", .text, "a person to ask for, when they are not in `people`"),
        Field("phone", .string(.internationalPhone), "in international form, +33 1 53 18 43 10: printed 01 53 18 43 10 for French readers"),
        Field("email", .string(.email)),
    ])

    /// A free section: a title and a body written in Markdown, printed in order by the press kit.
    static let section: Schema = .object([
        Field("id", .string(.identifier), required: true, "a short name by which a layout can pick the section, e.g. programme"),
        Field("title", .text, required: true, "the section's heading"),
        Field("short", .text, "a shorter title for running headers"),
        Field("body", .text, required: true,
              "Markdown: paragraphs, ## sub-headings, - lists, | tables |, > quotes, ::: pullquote … :::, ::: note … :::, photos as ![](photo-id), [words]{lang=en}"),
    ])

    /// The whole meeting file.
    public static let meeting: Schema = .object([
        Field("languages", .list(.string(.languageCode), minCount: 1), required: true,
              "the languages to publish, first the source language: [fr, en]"),
        Field("documents", .list(.string(.plain), minCount: 1), "the layouts to build, e.g. [communique]"),
        Field("theme", .string(.plain), "the house identity every document is drawn in: a theme of Layouts/themes/ by name (default: default), or a theme file's path ending in .yaml, relative to this file"),
        Field("status", .string(.identifier), "draft (a PROJET / DRAFT watermark, and .draft in the file names) or final"),
        Field("embargo", .string(.dateTime), "not to be published before: 2019-05-15T12:00+02:00 (printed above the title)"),
        Field("bilingual", .dictionary(.string(.identifier)),
              "layouts to publish as one PDF in the first two languages: {communique: side-by-side, press-kit: sequential}"),
        Field("issuers", .list(issuer, minCount: 1), required: true, "the ministries that issue the release"),
        Field("release", .object([
            Field("place", .text, required: true, "where the release is issued, e.g. Paris"),
            Field("date", .day, required: true, "the release date, 2019-05-15"),
            Field("number", .integer(minimum: 1), "the release's number in the office's series"),
        ]), required: true, "place, date and number of the release"),
        Field("meeting", .object([
            Field("title", .text, required: true, "the meeting's name"),
            Field("motto", .text, "its motto or theme"),
            Field("date", .day, required: true),
            Field("place", .text, required: true),
            Field("chair", person, "who chaired it, named here (or name the hosts in `hosts`)"),
            Field("hosts", .list(.string(.identifier), minCount: 0), "the ids in `people` of who hosted or co-chaired it: none, one or several"),
        ]), required: true, "what the meeting is"),
        Field("lead", .text, required: true, "the opening paragraph (Markdown: *italic*, **bold**, [links](https://…))"),
        Field("participants", .object([
            Field("intro", .text, "the sentence before the list of participants"),
            Field("groups", .list(participantGroup, minCount: 1), required: true),
        ]), "who took part"),
        Field("body", .list(.text, minCount: 0), "more paragraphs, in order"),
        Field("upcoming", event, "the next event the meeting prepares"),
        Field("themes_intro", .text, "the sentence before the list of themes"),
        Field("themes", .list(theme, minCount: 0), "the themes discussed, in order"),
        Field("quotes", .list(quote, minCount: 0), "what was said"),
        Field("related", .list(relatedDocument, minCount: 0), "documents published with the release"),
        Field("contacts", .list(contact, minCount: 1), required: true, "press contacts"),
        Field("intro", .text, "the press kit's opening paragraph"),
        Field("statements", .list(statement, minCount: 0), "words set as pull quotes in the press kit"),
        Field("programme", .list(.object([
            Field("time", .string(.time), required: true, "hours and minutes, \"9:30\" (quote it): printed 9 h 30, 9:30, 9:30 Uhr"),
            Field("title", .text, required: true),
            Field("place", .text),
        ]), minCount: 0), "the day's programme"),
        Field("delegations", .list(.object([
            Field("organisation", .string(.identifier), "the id in `organisations` of the country or body: its name is printed"),
            Field("name", .text, "country or organisation, when it is not in `organisations`"),
            Field("person", .string(.identifier), "the id in `people` of the head of delegation: their name and role are printed"),
            Field("head", .text, "head of delegation, when not in `people` (a title will do)"),
        ]), minCount: 0), "who led each delegation: organisations and people by id, or written in place"),
        Field("people", .list(registeredPerson, minCount: 0), "the people the file names, each with an id"),
        Field("organisations", .list(organisation, minCount: 0), "the organisations the file names, each with an id"),
        Field("photos", .list(photo, minCount: 0)),
        Field("sections", .list(section, minCount: 0), "free sections, in order: the press kit prints them all"),
        Field("summary", .object([
            Field("title", .text, required: true),
            Field("intro", .text),
            Field("sections", .list(.object([
                Field("title", .text, required: true),
                Field("paragraphs", .list(.text, minCount: 1), required: true),
            ]), minCount: 1), required: true, "one per theme; paragraphs are numbered throughout"),
            Field("closing", .text),
            Field("annexes", .list(.string(.identifier), minCount: 0), "ids of free sections printed after it as its annexes"),
        ]), "the chair's summary"),
        Field("fields", .dictionary(.text),
              "values the layouts ask for by name (see `presskit layouts`), e.g. accreditation-deadline: 2024-05-03T18:00+02:00"),
        Field("hyphenation", .perLanguage(.list(.string(.plain), minCount: 0)),
              "house hyphenation per language: a word never to break (Numérique), or one broken only as written (pré-si-dence)"),
    ])
}
