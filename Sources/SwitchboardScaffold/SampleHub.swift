/// The content of a new hub (`switchboard init`): a hub.yml with three collections of typed
/// fields and a menu, a home page, and one entry per collection. Each entry links to another,
/// so the hub has no orphans and builds with no warning at all.
enum SampleHub {
    /// Paths relative to the new hub's root, and their text.
    static let files: [(path: String, text: String)] = [
        (".gitignore", gitignore),
        ("content/hub.yml", hubConfig),
        ("content/index.md", home),
        ("content/playbooks/run-a-service-review.md", playbook),
        ("content/kpis/first-contact-resolution.md", kpi),
        ("content/glossary/contact.md", glossaryTerm),
    ]

    static let gitignore = """
    # The build output: rebuilt by `switchboard build`, never edited, never committed.
    public/

    """

    static let hubConfig = """
    # The hub's configuration. Every key is documented in Switchboard's docs/hub-format.md.
    title: "Service knowledge hub"
    description: "Playbooks, KPI definitions and a glossary for a customer-service team, cross-linked and checked on every build."
    # The published address; `switchboard serve` and `--base-url` override it.
    base_url: "https://example.org/"
    language: en

    menus:
      main:
        - { title: "Playbooks", link: "playbooks" }
        - { title: "KPIs", link: "kpis" }
        - { title: "Glossary", link: "glossary" }
      footer:
        - { title: "All tags", link: "tags" }
        - { title: "Hub map", link: "map" }

    # One folder per collection under content/. Front matter is checked against the fields:
    # `switchboard new kpis "Average handle time"` writes an entry with all of them.
    collections:
      playbooks:
        title: "Playbooks"
        description: "Step-by-step guides for the work the team has to do."
        sort: weight
        fields:
          audience:
            type: string
            required: true
            label: "Written for"
          effort:
            type: enum
            values: [hours, days, weeks]
            required: true
            label: "Typical effort"
          kpis:
            type: refs
            collection: kpis
            label: "KPIs it moves"
            inverse_label: "Moved by playbooks"

      kpis:
        title: "KPIs"
        description: "What is measured, how, and which way is good."
        sort: title
        fields:
          unit:
            type: string
            required: true
          direction:
            type: enum
            values: [higher-is-better, lower-is-better, target-range]
            required: true
          formula:
            type: text
          reviewed:
            type: date
            label: "Last reviewed"

      glossary:
        title: "Glossary"
        description: "The words of the hub, in plain language."
        sort: title
        fields:
          also_known_as:
            type: list
            of: string
            label: "Also known as"
          see_also:
            type: refs
            collection: glossary
            label: "See also"
            inverse_label: "Mentioned by"

    """

    static let home = """
    ---
    title: "Service knowledge hub"
    summary: "Playbooks, KPI definitions and a glossary for a customer-service team."
    ---

    This hub collects what the team knows about running customer service: how to do the
    recurring work, what is measured and what the words mean. Every page is Markdown in
    `content/`, and every link between pages is checked when the hub is built.

    ## Start here

    - [[playbooks|Playbooks]]: step-by-step guides, such as
      [[playbooks/run-a-service-review]].
    - [[kpis|KPIs]]: definitions and formulas, such as [[kpis/first-contact-resolution]].
    - [[glossary|Glossary]]: the words of the hub, such as [[glossary/contact]].

    ## Add a page

    Run `switchboard new kpis "Average handle time"`, fill in the placeholders, and watch the
    page appear with `switchboard serve`.

    """

    static let playbook = """
    ---
    title: "Run a service review"
    summary: "A monthly review of what customers contacted the team about, what was resolved, and what to change next."
    tags: [reviews, quality]
    weight: 1
    audience: "Service managers and team leads"
    effort: days
    kpis: [kpis/first-contact-resolution]
    ---

    A service review looks back at a month of [[glossary/contact|contacts]] and decides what to
    change. Keep it short and end it with owners and dates.

    ## Before the review

    1. Pull the month's figures for [[kpis/first-contact-resolution]] and compare them with the
       month before.
    2. List the five most common contact reasons and how many of each were resolved first time.

    ## In the review

    - Start from the customer's point of view: which contacts should not have been needed?
    - Agree one change per reason that is getting worse.

    > [!TIP]
    > A falling first-contact resolution rate usually points at a gap in knowledge or in
    > permissions, not at the people answering.

    """

    static let kpi = """
    ---
    title: "First-contact resolution"
    summary: "The share of customer issues resolved at the first contact, with no need to get in touch again."
    tags: [quality]
    unit: "% of issues"
    direction: higher-is-better
    formula: >-
      issues resolved at the first contact / all issues raised x 100
    reviewed: 2026-01-15
    ---

    ## Definition

    The share of issues that are fully resolved at the first [[glossary/contact|contact]], so that the
    customer does not have to get in touch again about the same thing.

    ## How to use it

    Measure it with a repeat window (no further contact on the same issue within seven days)
    rather than with the answering agent's own judgement. Review it monthly in the
    [service review](../playbooks/run-a-service-review.md).

    | measure | how | reliability |
    | --- | --- | --- |
    | repeat window | no new contact within 7 days | high |
    | survey | the customer confirms | high |
    | agent disposition | the agent marks it resolved | low |

    """

    static let glossaryTerm = """
    ---
    title: "Contact"
    summary: "One time a customer gets in touch, by any channel."
    tags: [basics]
    also_known_as: [interaction, conversation]
    ---

    A contact is one time a customer gets in touch: a call, a chat, an email or a message.
    Several contacts about the same issue are a sign that it was not resolved the first time;
    see [[kpis/first-contact-resolution]].

    """
}
