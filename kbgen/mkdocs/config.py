"""The plugin's options in mkdocs.yml (``plugins: - kbgen: ...``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class StageOptions(base.Config):  # type: ignore[no-untyped-call]
    """One journey stage."""

    id = c.Type(str)
    """Lowercase id, used in URLs and in each entry's ``stage`` field."""
    title = c.Type(str)
    """Title shown to shoppers (translate it freely)."""
    description = c.Type(str, default="")
    """One line under the title on the home page and the stage page."""


class ChannelOptions(base.Config):  # type: ignore[no-untyped-call]
    """A contact channel reached by a link (chat, contact form, order status, community)."""

    url = c.Optional(c.Type(str))
    """URL template; may use {entry_id}, {question}, {stage}, {page_url}, {query}, {product}."""
    label = c.Optional(c.Type(str))
    """Link text (default: a name in the site's language)."""
    hours = c.Type(str, default="")
    """When someone answers, e.g. 'Mon–Fri 9:00–17:00'."""
    best_for = c.Optional(c.Type(str))
    """What this channel is best for, shown on the contact page."""


class HotlineOptions(ChannelOptions):  # type: ignore[no-untyped-call]
    """The phone hotline, shown on every page."""

    number = c.Optional(c.Type(str))
    """The number as shoppers should read it, e.g. '+49 30 1234 5678'."""
    toll_free = c.Type(bool, default=False)
    """Whether calls are free."""


class EmailOptions(ChannelOptions):  # type: ignore[no-untyped-call]
    """Email support: a mailto: link whose subject and body carry the shopper's context."""

    address = c.Optional(c.Type(str))
    """The support address."""
    subject = c.Optional(c.Type(str))
    """Subject template (default: the question)."""
    body = c.Optional(c.Type(str))
    """Body template (default: page, entry id and last search under a blank line)."""


class ContactOptions(base.Config):  # type: ignore[no-untyped-call]
    """The contact channels; each is optional."""

    hotline = c.SubConfig(HotlineOptions)
    chat = c.SubConfig(ChannelOptions)
    email = c.SubConfig(EmailOptions)
    form = c.SubConfig(ChannelOptions)
    order_status = c.SubConfig(ChannelOptions)
    community = c.SubConfig(ChannelOptions)


class FeedbackOptions(base.Config):  # type: ignore[no-untyped-call]
    """Where "Was this helpful?" answers go."""

    url = c.Optional(c.Type(str))
    """An http(s) endpoint receiving form posts; default: Netlify Forms (form name 'feedback')."""


class WidgetPageOptions(base.Config):  # type: ignore[no-untyped-call]
    """One rule of ``widget.pages``: a shop URL path and what the widget shows there."""

    path = c.Optional(c.Type(str))
    """A path pattern: ``*`` is any text, ``{product}`` one segment holding the product id."""
    stage = c.Optional(c.Type(str))
    """The stage whose top questions pages matching ``path`` show (e.g. ``ordering-and-payment``)."""


class WidgetOptions(base.Config):  # type: ignore[no-untyped-call]
    """The help widget that shops embed with ``<script src=".../widget.js" async>``."""

    origins = c.ListOfItems(c.Type(str), default=[])
    """Shop origins (``https://shop.example.com``) that may load the widget; empty: any."""
    pages = c.ListOfItems(c.SubConfig(WidgetPageOptions), default=[])
    """Rules mapping shop URL paths to a product or a stage, first match wins."""


class KbgenConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``kbgen`` plugin."""

    enabled = c.Type(bool, default=True)
    """Turn kbgen off (``enabled: !ENV [KBGEN, true]``): the site builds as plain MkDocs."""
    stages = c.ListOfItems(c.SubConfig(StageOptions), default=[])
    """Journey stages in order; empty means the four defaults, titled in ``theme.language``."""
    catalog = c.Type(str, default="products.yml")
    """The product catalog, relative to ``docs_dir``."""
    popular = c.Type(int, default=6)
    """How many popular questions the home page shows."""
    top_questions = c.Type(int, default=4)
    """How many questions each stage card on the home page shows."""
    contact = c.SubConfig(ContactOptions)
    """Contact channels: hotline, chat, email, form, order_status, community."""
    feedback = c.SubConfig(FeedbackOptions)
    """Feedback endpoint."""
    widget = c.SubConfig(WidgetOptions)
    """The embeddable shop help widget (``site/widget.js``)."""

    # Search-gap capture (issue 12): opt-in.
    search_gaps = c.Type(bool, default=False)
    """Send each search that found nothing (after Enter, or 2 s without typing) to the feedback
    endpoint as form ``search-gap``, once per page view: the query only, no cookie."""

    # wording (issue 19)
    strings = c.Type(str, default="strings.yml")
    """A YAML file beside mkdocs.yml with kbgen's words for a language kbgen has none for, or
    to change any of its wording: language code → key of kbgen's English table → text."""
    # several languages (issue 19)
    languages = c.ListOfItems(c.Type(str), default=[])
    """The site's languages, the default first (``[en, zh-Hans, zh-Hant]``): the default at the
    root, each other one under its lower-case code, its entries in ``content/<code>/``."""
    translations = c.Type(dict, default={})
    """Language code → its ``site_name``, ``site_description``, ``stages`` (id → title,
    description) and ``contact`` (channel → fields such as label, hours, number)."""

    # search (issue 13)
    search = c.Type(dict, default={})
    """``synonyms``: more groups of words that mean the same (a list of lists), or false for
    none; ``intents``: channel key (or ``person``) → phrases that ask for it; ``everyday``: a
    shopper's word → the writers' words it stands for (added to kbgen's table), or false."""

    # Answers that travel (issue 23)
    llms_txt = c.Type(bool, default=True)
    """Publish ``/llms.txt`` (llmstxt.org) and a Markdown copy of every answer at its URL + ``.md``."""
    llms_full = c.Type(bool, default=False)
    """Also publish ``/llms-full.txt``: every answer in one file (needs ``llms_txt``)."""
    feeds = c.Type(bool, default=True)
    """Publish Atom feeds of new and changed answers (``feed.xml``, ``<stage>/feed.xml``), linked
    from every page; needs ``site_url`` (feeds use absolute addresses)."""
    notify = c.Type(bool, default=False)
    """A "Tell me when this changes" e-mail form under each answer, posted like the feedback form
    (Netlify Forms form ``notify``, or ``feedback.url``); kbgen sends no e-mail itself."""
    recently_viewed = c.Type(bool, default=False)
    """"Recently viewed" on the home page, answer pages and in the shop widget: the last answers
    this browser opened, kept in its localStorage only (never sent), with a button that clears them."""
    installable = c.Type((bool, str), default=False)
    """A web app manifest and a service worker: the help center can be installed, and the pages
    a reader opened (with the search) read offline; a newer version is offered, not forced.
    ``remove``: after ``true`` was published, a worker that removes itself and what it kept."""
    offline = c.Type(bool, default=False)
    """``kbgen build`` also makes ``offline.zip`` in the site: the help center as a folder that
    opens from disk (``file://``) with search and the compatibility lookup, and no network
    (as ``kbgen build --offline``)."""
