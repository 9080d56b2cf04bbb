"""kbgen's words in Traditional Chinese, Taiwan vocabulary (``zh-Hant``; ``zh-TW``, ``zh-HK``, ``zh-MO``).

Written and reviewed by hand, not converted character by character: Taiwan says 搜尋 (not 搜索),
設定, 連結, 複製, 列印, 訊息, 網路, 軟體, 影片, 保固 (warranty), 聯絡, 透過, 意見 (feedback, not
反饋), 送出 (send, not 提交), 社群 (community), 專線 (hotline), 免付費 (toll free), 則/筆 as counters
of messages and results, and 「」 as quotation marks. Hong Kong phrasing is not claimed: Hong Kong
and Macau readers get these Taiwan words, which they read without trouble.

``tests/unit/test_i18n_tables.py`` checks that every English key is here and that no character is
Simplified-only (OpenCC's own tables).
"""

from __future__ import annotations

from typing import Any

from kbgen.core.model import Stage

STRINGS: dict[str, str] = {
    "site_title": "說明中心",
    "home_lead": "選購、下單、配送、使用與退換貨的常見問題。",
    "search_label": "搜尋說明中心",
    "search_placeholder": "輸入您的問題，例如「怎麼退貨」",
    "search_button": "搜尋",
    "search_title": "搜尋",
    "search_open": "搜尋說明中心",
    "search_hint": "輸入幾個字詞，結果會隨著輸入即時顯示。在任何頁面按 / 即可搜尋。",
    "search_loading": "正在載入搜尋…",
    "search_failed": "搜尋功能暫時無法使用。",
    "search_count": "「{q}」共有 {n} 筆結果",
    "search_count_one": "「{q}」共有 1 筆結果",
    "search_none": "找不到與「{q}」相關的結果。",
    "search_none_lead": "試試減少字詞或換個說法，或直接詢問我們：",
    "search_tell_us": "告訴我們您在找什麼",
    "search_keys": "↑ ↓ 選擇，Enter 開啟，Esc 清除",
    "browse": "依主題瀏覽",
    "popular": "熱門問題",
    "all_questions": "所有問題（{n}）",
    "questions_count": "{n} 個問題",
    "questions_count_one": "1 個問題",
    "breadcrumbs": "導覽路徑",
    "home": "首頁",
    "short_answer": "簡短回答",
    "details": "詳細說明",
    "related": "相關問題",
    "products": "這篇回答提到的商品",
    "products_title": "商品",
    "products_lead": "每件商品可以搭配的商品、配件，以及相關問題。",
    "products_main": "主要商品",
    "products_addons": "配件與耗材",
    "products_other": "其他商品",
    "product_buy": "前往商店購買",
    "product_shop": "商店",
    "works_with": "可搭配",
    "accessories": "配件",
    "accessory_for": "適用於",
    "not_compatible": "不適用於",
    "product_questions": "關於這件商品的問題",
    "compat_title": "可以一起使用嗎？",
    "compat_lead": "選擇兩件商品，查看是否能搭配使用。",
    "compat_first": "第一件商品",
    "compat_second": "第二件商品",
    "compat_choose": "請選擇商品",
    "compat_check": "查詢",
    "compat_yes": "可以：{a} 可以搭配 {b} 使用。",
    "compat_accessory": "可以：{b} 是 {a} 的配件。",
    "compat_no": "不行：{a} 不適用於 {b}。",
    "compat_unknown": "目前沒有 {a} 與 {b} 的搭配資訊，購買前請先詢問我們。",
    "compat_same": "請選擇兩件不同的商品。",
    "compat_reason": "原因",
    "compat_reason_text": "原因：{reason}",
    "compat_all": "所有已知搭配",
    "compat_pair": "商品",
    "compat_answer": "能否搭配",
    "compat_answer_yes": "可以",
    "compat_answer_no": "不行",
    "compat_check_this": "查詢這件商品可以搭配什麼",
    "still_need_help": "還需要協助嗎？",
    "still_need_help_lead": "我們的客服人員可以協助處理您的狀況。"
    "聯絡時請說明您看過的問題，以便更快為您解答。",
    "contact_page": "所有聯絡方式",
    "was_helpful": "這篇回答對您有幫助嗎？",
    "feedback_lead": "請告訴我們這篇回答是否解決了您的問題。",
    "contact_title": "聯絡我們",
    "contact_strip": "找不到答案嗎？我們的客服團隊很樂意為您服務。",
    "updated": "更新於",
    "no_questions": "這個主題目前還沒有問題。",
    "channel_hotline": "客服專線",
    "channel_chat": "線上客服",
    "channel_email": "電子郵件聯絡",
    "channel_form": "聯絡表單",
    "channel_order_status": "查詢訂單狀態",
    "channel_community": "使用者社群",
    "best_for_hotline": "訂單或配送的緊急問題。",
    "best_for_chat": "購物時的簡單問題。",
    "best_for_email": "需要附上照片或檔案的詳細問題。",
    "best_for_form": "退換貨、維修與保固申請。",
    "best_for_order_status": "不必等候，隨時查看訂單進度。",
    "best_for_community": "其他顧客分享的使用心得。",
    "email_subject": "詢問：{question}",
    "email_body": "\n\n---\n頁面：{page_url}\n問題編號：{entry_id}\n最近搜尋：{query}",
    "toll_free": "免付費",
    "hours": "服務時間",
    "help_button": "說明",
    "help_menu": "聯絡方式",
    "best_for": "適合",
    "helpful_yes": "有幫助",
    "helpful_no": "沒有幫助",
    "feedback_comment": "有什麼需要改進的地方嗎？（選填）",
    "feedback_send": "送出意見",
    "feedback_thanks": "謝謝！您的意見能幫助我們改進這篇回答。",
    "feedback_sorry": "很抱歉沒能幫上忙。您可以透過以下方式聯絡我們：",
    "feedback_failed": "意見無法送出，請稍後再試。",
    "missing_title": "告訴我們您在找什麼",
    "missing_lead": "我們會閱讀每一則留言，並補上大家需要的解答。",
    "missing_query": "您搜尋的內容",
    "missing_message": "您想知道什麼？（選填）",
    "missing_send": "送出",
    "contact_context": "我們會一併得知您是從哪個頁面過來的。",
    "feedback_sending": "正在送出…",
    "feedback_not_sent": "您的意見沒有送出。請再試一次，或直接聯絡我們：",
    "missing_not_sent": "您的留言沒有送出。請再試一次，或直接聯絡我們：",
    "search_failed_lead": "您仍然可以聯絡我們：",
    "search_query_failed": "搜尋「{q}」時發生錯誤。請再試一次，或直接詢問我們：",
    "widget_close": "關閉說明",
    "widget_back": "返回",
    "widget_full_answer": "閱讀完整回答",
    "widget_feedback_unconfirmed": "無法確認您的意見已送達。請再試一次，或直接聯絡我們：",
    "widget_loading_failed": "說明內容暫時無法載入。您仍然可以聯絡我們：",
    # search (issue 13)
    "search_compat_ask": "{a} 和 {b} 可以一起使用嗎？",
    "search_compat_channels": "詢問我們：",
    "search_channels": "聯絡我們：",
    "search_more": "顯示更多結果",
    # the 404 page (issue 21)
    "not_found_title": "找不到此頁面",
    "not_found_lead": "此頁面不存在或已移動。搜尋您要找的內容：",
    "not_found_home": "說明中心首頁",
    # the "No" step and search counts (issues 21, 18)
    "feedback_sorry_below": "很抱歉沒能幫上忙。請告訴我們缺少什麼，或透過下方的方式聯絡我們。",
    "feedback_not_sent_below": "您的意見回饋沒有送出。請再試一次，或透過下方的方式聯絡我們。",
    "comment_sent": "謝謝！您的意見已送出。",
    "comment_not_sent": "您的意見沒有送出。請再試一次，或聯絡我們。",
    "search_count_of": "「{q}」共有 {total} 筆結果，顯示前 {n} 筆",
    "feedback_sorry_above": "很抱歉沒能幫上忙。請告訴我們缺少什麼，或透過上方的方式聯絡我們。",
    "feedback_not_sent_above": "您的意見回饋沒有送出。請再試一次，或透過上方的方式聯絡我們。",
    # search (issue 22)
    "search_compat_which": "您指的是哪一個？",
    # several languages (issue 19): the keys the languages work adds to the English table
    "language_switch": "語言",
    "untranslated_notice": "這則回答還沒有{language}版本，以下是{source}原文。",
    "language_offer": "這個說明中心也有{language}版本。",
    "language_offer_go": "閱讀{language}版",
    "language_offer_dismiss": "不用了，謝謝",
    # answers that travel (issue 23)
    "md_web_page": "網頁",
    "md_stage": "主題",
    "feed_title": "{site}：新增和更新的回答",
    "feed_stage_title": "{site}：{stage}，新增和更新的回答",
    "feed_changed": "更新內容：{reason}",
    "updated_reason": "更新內容：{reason}",
    "notify_title": "此回答更新時通知我",
    "notify_lead": "此回答更新時，我們會寄電子郵件通知您。"
    "此表單只會傳送您的電子郵件地址和您關注的問題給我們，不含其他資訊，"
    "我們也只會將它們用於這些通知信。每封信都附有停止通知的連結，您也可以請我們刪除您的地址。",
    "notify_email": "您的電子郵件地址",
    "notify_send": "通知我",
    "notify_thanks": "已訂閱。此回答更新時我們會寄信通知您。",
    "notify_not_sent": "訂閱沒有成功。請再試一次，或直接聯絡我們：",
    "notify_invalid": "請輸入有效的電子郵件地址，例如 name@example.com。",
    "recent_title": "最近瀏覽",
    "recent_note": "只儲存在此瀏覽器中，不會傳送給我們。",
    "recent_clear": "清除此清單",
    "search_split_wait": "請再多輸入一個字再搜尋。",
    "search_split_failed": "部分搜尋內容無法載入。請檢查網路連線後再試一次。",
    "search_split_updated": "說明中心剛剛更新。請再試一次，以搜尋新版本。",
    "search_split_retry": "再試一次",
}
"""Every key of the English table (kbgen/core/i18n.py), in its order."""

AHEAD: frozenset[str] = frozenset()
"""Keys written here ahead of the English table (none now: the languages work is merged)."""

DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage("before-purchase", "售前諮詢", "庫存、價格、配件與相容性。"),
    Stage("ordering-and-payment", "訂購與付款", "結帳、付款方式與發票。"),
    Stage("after-the-order", "訂單與物流", "訂單狀態、物流追蹤、修改與取消。"),
    Stage("after-delivery", "售後服務", "安裝使用、故障排除、退換貨與保固。"),
)

NEW_ENTRY_TEMPLATE: dict[str, str] = {
    "summary": "TODO：用一兩句話寫出簡短的回答。",
    "body": "## 詳細說明\n\nTODO：在這裡寫步驟、條件和故障排除。\n",
}
"""What ``kbgen new`` writes for the writer to replace (kbgen/content/placeholders.py)."""

EXAMPLE_HOURS = "週一至週五 9:00–17:00"
"""The opening hours ``kbgen init`` writes as an example."""

EXAMPLE_ENTRY: tuple[dict[str, Any], str] = (
    {
        "id": "return-an-item",
        "question": "如何退貨？",
        "stage": "after-delivery",
        "summary": "收到商品後 30 天內，在訂單頁面申請退貨；商品寄回後我們會為您退款。",
        "keywords": ["退款", "退換貨"],
    },
    "## 步驟\n\n1. 開啟您的訂單。\n2. 選擇「申請退貨」。\n3. 列印退貨標籤並寄出包裹。\n",
)
"""The first entry ``kbgen init`` writes (kbgen/authoring/scaffold.py)."""
