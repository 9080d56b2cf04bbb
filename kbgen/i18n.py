"""The words kbgen itself puts on pages, in English and Chinese (picked by ``theme.language``)."""

from __future__ import annotations

from kbgen.model import Stage

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "site_title": "Help center",
        "home_lead": "Answers about choosing, ordering, delivery, setup and returns.",
        "search_label": "Search the help center",
        "search_placeholder": "Type your question, e.g. “return an opened item”",
        "search_button": "Search",
        "browse": "Browse by topic",
        "popular": "Popular questions",
        "all_questions": "All questions ({n})",
        "questions_count": "{n} questions",
        "questions_count_one": "1 question",
        "breadcrumbs": "Breadcrumbs",
        "home": "Home",
        "short_answer": "Short answer",
        "details": "Details",
        "related": "Related questions",
        "products": "Products in this answer",
        "still_need_help": "Still need help?",
        "still_need_help_lead": "Our team can look at your case. Mention the question you read, "
        "so we can help faster.",
        "contact_page": "All ways to contact us",
        "was_helpful": "Was this helpful?",
        "feedback_lead": "Tell us whether this answer solved your problem.",
        "contact_title": "Contact us",
        "contact_strip": "Can't find your answer? Our team is happy to help.",
        "updated": "Updated",
        "no_questions": "No questions in this topic yet.",
    },
    "zh": {
        "site_title": "帮助中心",
        "home_lead": "选购、下单、配送、使用和退换货的常见问题解答。",
        "search_label": "搜索帮助中心",
        "search_placeholder": "输入您的问题，例如“怎么退货”",
        "search_button": "搜索",
        "browse": "按主题浏览",
        "popular": "热门问题",
        "all_questions": "全部问题（{n}）",
        "questions_count": "{n} 个问题",
        "breadcrumbs": "导航路径",
        "home": "首页",
        "short_answer": "简要回答",
        "details": "详细说明",
        "related": "相关问题",
        "products": "本回答涉及的商品",
        "still_need_help": "仍需帮助？",
        "still_need_help_lead": "我们的客服可以帮您处理具体情况。"
        "联系时请说明您阅读的问题，以便更快为您解答。",
        "contact_page": "全部联系方式",
        "was_helpful": "这篇回答有帮助吗？",
        "feedback_lead": "告诉我们这篇回答是否解决了您的问题。",
        "contact_title": "联系我们",
        "contact_strip": "没有找到答案？我们的客服乐意为您服务。",
        "updated": "更新于",
        "no_questions": "该主题下暂无问题。",
    },
}

DEFAULT_STAGES: dict[str, tuple[Stage, ...]] = {
    "en": (
        Stage("before-purchase", "Before you buy", "Availability, prices, what's included and what fits."),
        Stage("ordering-and-payment", "Ordering and payment", "Checkout, payment methods and invoices."),
        Stage("after-the-order", "After you order", "Order status, tracking, changes and cancellations."),
        Stage("after-delivery", "After delivery", "Setup, troubleshooting, returns and warranty."),
    ),
    "zh": (
        Stage("before-purchase", "售前咨询", "库存、价格、配件与兼容性。"),
        Stage("ordering-and-payment", "下单与支付", "结算、支付方式与发票。"),
        Stage("after-the-order", "订单与物流", "订单状态、物流跟踪、修改与取消。"),
        Stage("after-delivery", "售后服务", "安装使用、故障排除、退换货与保修。"),
    ),
}


def language_key(language: str | None) -> str:
    """Map a Material ``theme.language`` (``zh``, ``zh-TW``, ``en`` ...) to a table key."""
    lang = (language or "en").lower()
    return "zh" if lang.startswith("zh") else "en"


def strings(language: str | None) -> dict[str, str]:
    """The UI strings for a language (English where a language has none)."""
    return STRINGS[language_key(language)]


def default_stages(language: str | None) -> tuple[Stage, ...]:
    """The four default journey stages, titled in the site's language."""
    return DEFAULT_STAGES[language_key(language)]
