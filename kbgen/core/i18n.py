"""The words kbgen itself puts on pages, in English, Simplified and Traditional Chinese (picked
by ``theme.language``; :func:`language_key` maps language codes to these tables)."""

from __future__ import annotations

import re

from kbgen.core import strings_zh_hant
from kbgen.core.model import Stage

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "site_title": "Help center",
        "home_lead": "Answers about choosing, ordering, delivery, setup and returns.",
        "search_label": "Search the help center",
        "search_placeholder": "Type your question, e.g. “return an opened item”",
        "search_button": "Search",
        "search_title": "Search",
        "search_open": "Search the help center",
        "search_hint": "Type a few words: results appear as you type. Press / to search from anywhere.",
        "search_loading": "Loading search…",
        "search_failed": "Search is not available right now.",
        "search_count": "{n} results for “{q}”",
        "search_count_one": "1 result for “{q}”",
        "search_none": "No results for “{q}”.",
        "search_none_lead": "Try fewer or other words, or ask us:",
        "search_tell_us": "Tell us what you were looking for",
        "search_keys": "↑ ↓ to move, Enter to open, Esc to clear",
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
        "products_title": "Products",
        "products_lead": "What each product works with, its accessories and the questions about it.",
        "products_main": "Machines",
        "products_addons": "Accessories, parts and supplies",
        "products_other": "Other products",
        "product_buy": "View in shop",
        "product_shop": "Shop",
        "works_with": "Works with",
        "accessories": "Accessories",
        "accessory_for": "Accessory for",
        "not_compatible": "Does not work with",
        "product_questions": "Questions about this product",
        "compat_title": "Does it work with …?",
        "compat_lead": "Pick two products to see whether they work together.",
        "compat_first": "First product",
        "compat_second": "Second product",
        "compat_choose": "Choose a product",
        "compat_check": "Check",
        "compat_yes": "Yes: {a} works with {b}.",
        "compat_accessory": "Yes: {b} is an accessory for {a}.",
        "compat_no": "No: {a} does not work with {b}.",
        "compat_unknown": "We don't know whether {a} works with {b}. Ask us before you buy.",
        "compat_same": "Choose two different products.",
        "compat_reason": "Reason",
        "compat_reason_text": "Reason: {reason}",
        "compat_all": "All known combinations",
        "compat_pair": "Products",
        "compat_answer": "Works together?",
        "compat_answer_yes": "yes",
        "compat_answer_no": "no",
        "compat_check_this": "Check what works with this product",
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
        "channel_hotline": "Call us",
        "channel_chat": "Live chat",
        "channel_email": "Email us",
        "channel_form": "Contact form",
        "channel_order_status": "Check your order status",
        "channel_community": "Ask the community",
        "best_for_hotline": "Urgent problems with an order or a delivery.",
        "best_for_chat": "Quick questions while you shop.",
        "best_for_email": "Detailed questions, photos and documents.",
        "best_for_form": "Returns, repairs and warranty requests.",
        "best_for_order_status": "Where your order is right now, without waiting for us.",
        "best_for_community": "Tips and recipes from other customers.",
        "email_subject": "Question: {question}",
        "email_body": "\n\n---\nPage: {page_url}\nEntry: {entry_id}\nLast search: {query}",
        "toll_free": "free of charge",
        "hours": "Hours",
        "help_button": "Help",
        "help_menu": "Contact options",
        "best_for": "Best for",
        "helpful_yes": "Yes",
        "helpful_no": "No",
        "feedback_comment": "Anything we should improve? (optional)",
        "feedback_send": "Send feedback",
        "feedback_thanks": "Thank you! Your feedback helps us improve this answer.",
        "feedback_sorry": "Sorry this didn't help. You can reach a person here:",
        "feedback_failed": "Your feedback could not be sent. Please try again later.",
        "missing_title": "Tell us what you were looking for",
        "missing_lead": "We read every message and add the answers shoppers miss.",
        "missing_query": "What you searched for",
        "missing_message": "What did you want to know? (optional)",
        "missing_send": "Send",
        "contact_context": "We'll pass along the page you came from.",
        "feedback_sending": "Sending…",
        "feedback_not_sent": "Your feedback did not go through. Please try again, or reach us directly:",
        "missing_not_sent": "Your message did not go through. Please try again, or reach us directly:",
        "search_failed_lead": "You can still reach us:",
        "search_query_failed": "Something went wrong while searching for “{q}”. Please try again, or ask us:",
        "widget_close": "Close help",
        "widget_back": "Back",
        "widget_full_answer": "Read the full answer",
        "widget_feedback_unconfirmed": "We could not confirm that your feedback arrived. "
        "Please try again, or reach us directly:",
        "widget_loading_failed": "Help could not be loaded right now. You can still reach us:",

        # search (issue 13)
        "search_compat_ask": "Does {a} work with {b}?",
        "search_compat_channels": "Ask us:",
        "search_channels": "Talk to us:",
        "search_more": "Show more results",
        # the 404 page (issue 21)
        "not_found_title": "Page not found",
        "not_found_lead": "This page does not exist or has moved. Search for what you were looking for:",
        "not_found_home": "Help center home",
        # the "No" step and search counts (issues 21, 18)
        "feedback_sorry_below": "Sorry this didn't help. Tell us what was missing, or reach a person below.",
        "feedback_not_sent_below": "Your feedback did not go through. "
        "Please try again, or reach a person below.",
        "comment_sent": "Thank you! Your comment was sent.",
        "comment_not_sent": "Your comment did not go through. Please try again, or contact us.",
        "search_count_of": "Showing {n} of {total} results for “{q}”",
        "feedback_sorry_above": "Sorry this didn't help. Tell us what was missing, or reach a person above.",
        "feedback_not_sent_above": "Your feedback did not go through. Please try again, or reach a person above.",
        # search (issue 22)
        "search_compat_which": "Which one do you mean?",
        # several languages (issue 19)
        "language_switch": "Language",
        "untranslated_notice": "This answer is not yet available in {language}; here it is in {source}.",
        "language_offer": "This help center is also available in {language}.",
        "language_offer_go": "Read it in {language}",
        "language_offer_dismiss": "No, thanks",
    },
    "zh": {
        "site_title": "帮助中心",
        "home_lead": "选购、下单、配送、使用和退换货的常见问题解答。",
        "search_label": "搜索帮助中心",
        "search_placeholder": "输入您的问题，例如“怎么退货”",
        "search_button": "搜索",
        "search_title": "搜索",
        "search_open": "搜索帮助中心",
        "search_hint": "输入几个字词，结果随输入即时显示。在任意页面按 / 即可搜索。",
        "search_loading": "正在加载搜索…",
        "search_failed": "搜索暂时不可用。",
        "search_count": "“{q}”共有 {n} 条结果",
        "search_none": "没有找到与“{q}”相关的结果。",
        "search_none_lead": "试试更少或其他的字词，或者直接问我们：",
        "search_tell_us": "告诉我们您在找什么",
        "search_keys": "↑ ↓ 选择，Enter 打开，Esc 清除",
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
        "products_title": "商品",
        "products_lead": "每件商品可搭配的商品、配件，以及相关问题。",
        "products_main": "主要商品",
        "products_addons": "配件与耗材",
        "products_other": "其他商品",
        "product_buy": "前往商城购买",
        "product_shop": "商城",
        "works_with": "可搭配",
        "accessories": "配件",
        "accessory_for": "适用于",
        "not_compatible": "不适用于",
        "product_questions": "关于此商品的问题",
        "compat_title": "能一起用吗？",
        "compat_lead": "选择两件商品，查看它们能否搭配使用。",
        "compat_first": "第一件商品",
        "compat_second": "第二件商品",
        "compat_choose": "请选择商品",
        "compat_check": "查询",
        "compat_yes": "可以：{a} 可与 {b} 搭配使用。",
        "compat_accessory": "可以：{b} 是 {a} 的配件。",
        "compat_no": "不可以：{a} 不适用于 {b}。",
        "compat_unknown": "暂无 {a} 与 {b} 的搭配信息，购买前请咨询我们。",
        "compat_same": "请选择两件不同的商品。",
        "compat_reason": "原因",
        "compat_reason_text": "原因：{reason}",
        "compat_all": "全部已知搭配",
        "compat_pair": "商品",
        "compat_answer": "能否搭配",
        "compat_answer_yes": "可以",
        "compat_answer_no": "不可以",
        "compat_check_this": "查询此商品能搭配什么",
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
        "channel_hotline": "客服热线",
        "channel_chat": "在线客服",
        "channel_email": "邮件联系",
        "channel_form": "在线留言",
        "channel_order_status": "查询订单状态",
        "channel_community": "用户社区",
        "best_for_hotline": "订单或配送的紧急问题。",
        "best_for_chat": "购物时的快速咨询。",
        "best_for_email": "需要附上照片或文件的详细问题。",
        "best_for_form": "退换货、维修与保修申请。",
        "best_for_order_status": "无需等待，随时查看订单进度。",
        "best_for_community": "其他顾客分享的使用心得。",
        "email_subject": "咨询：{question}",
        "email_body": "\n\n---\n页面: {page_url}\n问题编号: {entry_id}\n最近搜索: {query}",
        "toll_free": "免费",
        "hours": "服务时间",
        "help_button": "帮助",
        "help_menu": "联系方式",
        "best_for": "适合",
        "helpful_yes": "有帮助",
        "helpful_no": "没有帮助",
        "feedback_comment": "还有什么需要改进的吗？（选填）",
        "feedback_send": "提交反馈",
        "feedback_thanks": "谢谢！您的反馈将帮助我们改进这篇回答。",
        "feedback_sorry": "很抱歉没能帮到您。您可以通过以下方式联系我们：",
        "feedback_failed": "反馈提交失败，请稍后再试。",
        "missing_title": "告诉我们您在找什么",
        "missing_lead": "我们会阅读每一条留言，并补充大家需要的答案。",
        "missing_query": "您搜索的内容",
        "missing_message": "您想了解什么？（选填）",
        "missing_send": "提交",
        "contact_context": "我们会一并收到您来自哪个页面。",
        "feedback_sending": "正在发送…",
        "feedback_not_sent": "您的反馈没有发送成功。请重试，或直接联系我们：",
        "missing_not_sent": "您的留言没有发送成功。请重试，或直接联系我们：",
        "search_failed_lead": "您仍然可以联系我们：",
        "search_query_failed": "搜索“{q}”时出错。请重试，或直接问我们：",
        "widget_close": "关闭帮助",
        "widget_back": "返回",
        "widget_full_answer": "阅读完整回答",
        "widget_feedback_unconfirmed": "无法确认您的反馈已送达。请重试，或直接联系我们：",
        "widget_loading_failed": "帮助内容暂时无法加载。您仍然可以联系我们：",

        # search (issue 13)
        "search_compat_ask": "{a} 和 {b} 能一起用吗？",
        "search_compat_channels": "咨询我们：",
        "search_channels": "联系我们：",
        "search_more": "显示更多结果",
        # the 404 page (issue 21)
        "not_found_title": "找不到此页面",
        "not_found_lead": "此页面不存在或已移动。搜索您要找的内容：",
        "not_found_home": "帮助中心首页",
        # the "No" step and search counts (issues 21, 18)
        "feedback_sorry_below": "很抱歉没能帮到您。请告诉我们缺少什么，或通过下方的方式联系我们。",
        "feedback_not_sent_below": "您的反馈没有发送成功。请重试，或通过下方的方式联系我们。",
        "comment_sent": "谢谢！您的意见已发送。",
        "comment_not_sent": "您的意见没有发送成功。请重试，或联系我们。",
        "search_count_of": "“{q}”共有 {total} 条结果，显示前 {n} 条",
        "feedback_sorry_above": "很抱歉没能帮到您。请告诉我们缺少什么，或通过上方的方式联系我们。",
        "feedback_not_sent_above": "您的反馈没有发送成功。请重试，或通过上方的方式联系我们。",
        # the English table's singular forms, which the Chinese table lacked
        "search_count_one": "“{q}”共有 1 条结果",
        "questions_count_one": "1 个问题",
        # search (issue 22)
        "search_compat_which": "您指的是哪一个？",
        # several languages (issue 19)
        "language_switch": "语言",
        "untranslated_notice": "此回答尚无{language}版本，以下为{source}原文。",
        "language_offer": "本帮助中心也提供{language}版本。",
        "language_offer_go": "阅读{language}版",
        "language_offer_dismiss": "不用了，谢谢",
    },
    "zh-Hant": strings_zh_hant.STRINGS,
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
    "zh-Hant": strings_zh_hant.DEFAULT_STAGES,
}


HANT_REGIONS = frozenset({"tw", "hk", "mo"})
"""Regions whose Chinese is written in Traditional characters (``zh-TW`` means ``zh-Hant``)."""


def language_key(language: str | None) -> str:
    """Map a language code (``theme.language``, a browser's ``zh-TW`` …) to a table key.

    ``zh-Hant``, ``zh-TW``, ``zh-HK``, ``zh-MO`` (and ``zh-Hant-TW`` …) → ``zh-Hant``; ``zh``,
    ``zh-Hans``, ``zh-CN``, ``zh-SG`` and other Chinese → ``zh`` (Simplified); a language kbgen
    has no words for → ``en``. Case and ``_`` or ``-`` do not matter.
    """
    parts = re.split(r"[-_]", (language or "en").strip().lower())
    if parts[0] == "zh":
        traditional = "hant" in parts or (bool(HANT_REGIONS & set(parts[1:])) and "hans" not in parts)
        return "zh-Hant" if traditional else "zh"
    return parts[0] if parts[0] in STRINGS else "en"


def has_words(language: str | None) -> bool:
    """Whether kbgen has its own words for a language (else its pages fall back to English)."""
    base = re.split(r"[-_]", (language or "en").strip().lower())[0]
    return base in {re.split(r"[-_]", key.lower())[0] for key in STRINGS}


def strings(language: str | None) -> dict[str, str]:
    """The UI strings for a language (English for a language, or a key, it has none for)."""
    return {**STRINGS["en"], **STRINGS[language_key(language)]}


def default_stages(language: str | None) -> tuple[Stage, ...]:
    """The four default journey stages, titled in the site's language."""
    return DEFAULT_STAGES[language_key(language)]
