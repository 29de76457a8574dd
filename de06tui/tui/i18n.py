"""Every label the app shows, in Vietnamese and English.

Province names and metric titles are not here: they come from the registry and the metric
files, which carry their own languages.
"""

from __future__ import annotations

import os

LANGS = ("vi", "en")

_LABELS: dict[str, tuple[str, str]] = {  # key: (vi, en)
    "app_title": ("Đề án 06", "Đề án 06"),
    "overview": ("Tổng quan", "Overview"),
    "leaderboard": ("Bảng xếp hạng", "Leaderboard"),
    "detail": ("Chi tiết", "Detail"),
    "problems": ("Vấn đề dữ liệu", "Data problems"),
    "help": ("Trợ giúp", "Help"),
    "sample": ("MẪU", "SAMPLE"),
    "sample_note": ("dữ liệu mẫu tổng hợp, không phải số liệu chính thức",
                    "synthetic sample data, not official figures"),
    "loaded": ("tải lúc {time}", "loaded {time}"),
    "loading": ("Đang tải dữ liệu…", "Loading data…"),
    "stale": ("cũ từ {time} — {reason}", "stale since {time} — {reason}"),
    "updated": ("cập nhật {time}", "updated {time}"),
    "registry_label": ("{label} tỉnh/thành", "{label} provinces"),
    "no_63": ("{period} đã theo 34 tỉnh/thành, không tách lại thành 63 được",
              "{period} is on the 34 provinces; it cannot be split back into 63"),
    "vs_previous": ("so với kỳ trước", "on the previous period"),
    "vs_year": ("so với cùng kỳ năm trước", "on the same period last year"),
    "vs_period": ("so với {label}", "on {label}"),
    "vs_year_at": ("so với {label} (cùng kỳ năm trước)", "on {label}, a year before"),
    "movers": ("Tăng/giảm hạng", "Movers"),
    "improved": ("Tăng hạng nhiều nhất", "Most improved"),
    "declined": ("Giảm hạng nhiều nhất", "Most declined"),
    "movers_span": ("{metric}: {start} → {end}", "{metric}: {start} → {end}"),
    "no_movers": ("Không có kỳ để so sánh", "No period to compare with"),
    "col_before": ("Trước", "Before"),
    "col_value_change": ("±Giá trị", "±Value"),
    "change_vs": ("±: thay đổi {vs}", "±: change {vs}"),
    "approx_mark": ("≈ = ước tính (gộp không có tử số/mẫu số)", "≈ = approximate (combined without counts)"),
    "col_now": ("Nay", "Now"),
    "rank_trajectory": ("Hạng qua các kỳ", "Rank over time"),
    "a_toggle_provinces": ("Đổi 63/34 tỉnh/thành", "Switch 63/34 provinces"),
    "a_cycle_compare": ("So với kỳ trước / cùng kỳ năm trước", "Compare with previous / last year"),
    "a_movers": ("Tăng/giảm hạng", "Movers"),
    "palette_compare": ("So với {label}", "Compare with {label}"),
    "palette_provinces": ("Hiển thị theo {label}", "Show on {label}"),
    "refreshing": ("đang làm mới", "refreshing"),
    "retrying": ("thử lại {n}/{of}", "retry {n}/{of}"),
    "provinces_progress": ("{done} / {total} tỉnh/thành", "{done} / {total} provinces"),
    "auto_every": ("tự làm mới {n} phút", "auto {n} min"),
    "auto_paused": ("tự làm mới: tạm dừng", "auto-refresh paused"),
    "auto_off": ("tự làm mới: tắt", "auto-refresh off"),
    "refresh_failed": ("Làm mới thất bại, giữ dữ liệu cũ: {reason}", "Refresh failed, keeping the last data: {reason}"),
    "load_errors": ("Lỗi trong dữ liệu: {n}; nhấn p để xem tất cả. Lỗi đầu tiên: {first}",
                    "Errors in the data: {n}; press p for all. The first: {first}"),
    "partial": ("Dữ liệu mới thiếu một số tỉnh/thành: {reason}", "The new data misses provinces: {reason}"),
    "changed_mark": ("• đổi so với lần làm mới trước", "• changed since the last refresh"),
    "set_interval": ("Tự làm mới mỗi {n} phút", "Auto-refresh every {n} minutes"),
    "a_pause_refresh": ("Tạm dừng/tiếp tục tự làm mới", "Pause/resume auto-refresh"),
    "a_faster": ("Làm mới thường xuyên hơn", "Refresh more often"),
    "a_slower": ("Làm mới thưa hơn", "Refresh less often"),
    "no_data": ("Không có dữ liệu", "No data"),
    "no_data_hint": ("Không có dữ liệu dùng được. Nhấn p để xem các vấn đề.",
                     "No usable data. Press p to see the problems."),
    "no_period_data": ("Không có số liệu cho {period}; hiển thị {shown}.",
                       "No data for {period}; showing {shown}."),
    "problems_count": ("{n} vấn đề", "{n} problems"),
    "no_problems": ("Dữ liệu không có vấn đề nào.", "The data has no problems."),
    "top": ("Cao nhất", "Top"),
    "bottom": ("Thấp nhất", "Bottom"),
    "mark_top": ("ĐẦU", "TOP"),
    "mark_bottom": ("CUỐI", "LOW"),
    "col_rank": ("Hạng", "Rank"),
    "col_mark": ("Nhóm", "Band"),
    "col_province": ("Tỉnh/thành", "Province"),
    "col_value": ("Giá trị", "Value"),
    "col_bar": ("Mức", "Level"),
    "col_change": ("±Hạng", "±Rank"),
    "col_trend": ("Xu hướng", "Trend"),
    "col_counts": ("Tử số/mẫu số", "Count/total"),
    "col_region": ("Vùng", "Region"),
    "col_metric": ("Chỉ số", "Metric"),
    "col_of": ("Hạng/Tổng", "Rank of N"),
    "col_severity": ("Mức", "Severity"),
    "col_where": ("Vị trí", "Where"),
    "col_reason": ("Nội dung", "Problem"),
    "legend": ("≈ ước tính · ✓ số liệu thật · ▲▼ thay đổi hạng {vs}",
               "≈ approximate · ✓ real figure · ▲▼ rank change {vs}"),
    "legend_sample": ("số không có ✓ là số liệu MẪU tổng hợp", "values without ✓ are SAMPLE synthetic"),
    "filter": ("Lọc", "Filter"),
    "filter_placeholder": ("Lọc theo tên tỉnh (không cần dấu), Enter để xong, Esc để xoá",
                           "Filter by province name (no diacritics needed); Enter done, Esc clears"),
    "filter_active": ("lọc: {text}", "filter: {text}"),
    "region_active": ("vùng: {text}", "region: {text}"),
    "shown_of": ("{shown}/{total} tỉnh/thành", "{shown} of {total} provinces"),
    "sort_by": ("sắp xếp: {col} {arrow}", "sort: {col} {arrow}"),
    "history": ("Diễn biến {metric}", "History of {metric}"),
    "absorbed": ("Hình thành từ 1/7/2025 do hợp nhất: {names}", "Formed on 1 July 2025 from: {names}"),
    "merger_mark": ("│ = hợp nhất 7/2025", "│ = merger July 2025"),
    "rank_of": ("{rank}/{of}", "{rank} of {of}"),
    "exported": ("Đã ghi {path}", "Wrote {path}"),
    "export_failed": ("Không ghi được: {reason}", "Export failed: {reason}"),
    "copied": ("Đã chép vào bộ nhớ tạm", "Copied to the clipboard"),
    "nothing_to_copy": ("Không có gì để chép", "Nothing to copy"),
    "lang_name": ("Tiếng Việt", "English"),
    "palette_metric": ("Chỉ số: {title}", "Metric: {title}"),
    "palette_province": ("Tỉnh/thành: {name}", "Province: {name}"),
    "palette_period": ("Kỳ: {label}", "Period: {label}"),
    "palette_period_derived": ("Kỳ: {label} (tính từ các tháng)", "Period: {label} (computed from months)"),
    "palette_region": ("Vùng: {name}", "Region: {name}"),
    "palette_lang": ("Ngôn ngữ: {name}", "Language: {name}"),
    "all_regions": ("mọi vùng", "all regions"),
    "load_failed": ("Không tải được dữ liệu: {reason}", "Could not load the data: {reason}"),
    "no_data_retry": ("Không có dữ liệu: {reason} — nhấn r để thử lại", "No data: {reason} — r to retry"),
    "no_data_short": ("không có dữ liệu (r: thử lại)", "no data (r to retry)"),
    "config_not_used": ("Không dùng tệp cấu hình: {reason}", "config not used: {reason}"),
    "key": ("Phím", "Key"),
    "action": ("Thao tác", "Action"),
    "help_title": ("Phím tắt — {screen}", "Keys — {screen}"),
    "close": ("Esc để đóng", "Esc to close"),
    # action labels (the registry's descriptions)
    "a_overview": ("Tổng quan", "Overview"),
    "a_board1": ("Bảng 1", "Board 1"),
    "a_board2": ("Bảng 2", "Board 2"),
    "a_board3": ("Bảng 3", "Board 3"),
    "a_next_screen": ("Màn hình sau", "Next screen"),
    "a_prev_screen": ("Màn hình trước", "Previous screen"),
    "a_prev_period": ("Kỳ trước", "Previous period"),
    "a_next_period": ("Kỳ sau", "Next period"),
    "a_problems": ("Vấn đề", "Problems"),
    "a_help": ("Trợ giúp", "Help"),
    "a_quit": ("Thoát", "Quit"),
    "a_back": ("Quay lại", "Back"),
    "a_filter": ("Lọc", "Filter"),
    "a_clear_filter": ("Bỏ lọc", "Clear filter"),
    "a_region": ("Vùng", "Region"),
    "a_reverse": ("Đảo thứ tự", "Reverse"),
    "a_sort": ("Cột sắp xếp", "Sort column"),
    "a_open": ("Chi tiết", "Open detail"),
    "a_down": ("Xuống", "Down"),
    "a_up": ("Lên", "Up"),
    "a_first": ("Đầu bảng", "First row"),
    "a_last": ("Cuối bảng", "Last row"),
    "a_page_down": ("Trang sau", "Page down"),
    "a_page_up": ("Trang trước", "Page up"),
    "a_export_csv": ("Xuất CSV", "Export CSV"),
    "a_export_xlsx": ("Xuất XLSX", "Export XLSX"),
    "a_export_md": ("Xuất Markdown", "Export Markdown"),
    "a_export_brief": ("Xuất tóm tắt", "Export brief"),
    "a_copy_row": ("Chép dòng", "Copy row"),
    "a_copy_brief": ("Chép tóm tắt", "Copy brief"),
    "a_lang": ("Đổi ngôn ngữ", "Switch language"),
    "a_reload": ("Tải lại", "Reload"),
    "a_palette": ("Lệnh", "Commands"),
    # -- departments and communes ------------------------------------------------------------

    # -- my province -----------------------------------------------------------------------

    # -- recorded history --------------------------------------------------------------------
    "a_prev_snapshot": ("Bản ghi trước của kỳ", "Earlier recorded snapshot"),
    "a_next_snapshot": ("Bản ghi sau của kỳ", "Later recorded snapshot"),
    "vs_yesterday": ("so với hôm qua", "since yesterday"),
    "vs_yesterday_day": ("so với hôm qua ({day})", "since yesterday ({day})"),
    "no_yesterday": ("Không so sánh được: {reason}", "No comparison: {reason}"),
    "no_rank_change": ("Không so hạng: {reason}", "No rank change: {reason}"),
    "gone_since": ("Không còn từ hôm qua: {names}", "Gone since yesterday: {names}"),
    "not_recorded": ("Nguồn này chưa có bản ghi lịch sử cho kỳ đang xem",
                     "No recorded snapshots of this source for the period shown"),
    "yesterday_movers": ("{metric}: {day} → {as_of}", "{metric}: {day} → {as_of}"),

    # -- the office's screens: columns, empty states, mouse ------------------------------------
    "palette_search": ("Tìm lệnh…", "Search for commands…"),
    "palette_themes": ("Tìm giao diện…", "Search for themes…"),
    "palette_no_matches": ("Không tìm thấy lệnh nào", "No matches found"),
    "palette_compare_previous": ("So với kỳ trước", "Compare with the previous period"),
    "palette_compare_year": ("So với cùng kỳ năm trước", "Compare with the same period last year"),
    "palette_compare_yesterday": ("So với hôm qua", "Compare with yesterday"),
    "sys_theme": ("Giao diện", "Theme"),
    "sys_theme_help": ("Đổi giao diện màu", "Change the current theme"),
    "sys_quit": ("Thoát", "Quit"),
    "sys_quit_help": ("Thoát ứng dụng ngay", "Quit the application as soon as possible"),
    "sys_keys": ("Phím", "Keys"),
    "sys_keys_show": ("Hiện trợ giúp của ô đang chọn và các phím dùng được",
                      "Show help for the focused widget and a summary of available keys"),
    "sys_keys_hide": ("Ẩn bảng trợ giúp phím", "Hide the keys and widget help panel"),
    "sys_minimize": ("Thu nhỏ", "Minimize"),
    "sys_minimize_help": ("Đưa ô đang phóng to về cỡ thường", "Minimize the widget and restore to normal size"),
    "sys_maximize": ("Phóng to", "Maximize"),
    "sys_maximize_help": ("Phóng to ô đang chọn", "Maximize the focused widget"),
    "sys_screenshot": ("Chụp màn hình", "Screenshot"),
    "sys_screenshot_help": ("Lưu ảnh SVG của màn hình hiện tại", "Save an SVG 'screenshot' of the current screen"),
    "severity_error": ("LỖI", "ERROR"),
    "severity_warning": ("CẢNH BÁO", "WARNING"),
    "col_file": ("Tệp", "File"),
    "col_sheet": ("Trang tính", "Sheet"),
    "col_row": ("Dòng", "Row"),
    "col_column": ("Cột", "Column"),
    "problem_value": ("giá trị '{value}'", "value '{value}'"),
    "problems_count_one": ("{n} vấn đề", "{n} problem"),
    "set_interval_one": ("Tự làm mới mỗi phút", "Auto-refresh every minute"),
    "next_refresh": ("lần sau {time}", "next {time}"),
    "col_action_id": ("Mã thao tác", "Action id"),
    "unknown_metric": ("Không có chỉ số '{name}'", "unknown metric '{name}'"),
    "bad_period": ("--period '{text}' không phải một kỳ: {reason}", "--period '{text}' is not a period: {reason}"),
    "unknown_action": ("[keys] có thao tác không tồn tại '{id}'; các mã có: {known}",
                       "unknown action '{id}' in [keys]; known: {known}"),
    "cache_not_written": ("Không ghi được bộ nhớ đệm: {reason}", "cache not written: {reason}"),
    "a_columns": ("Chọn cột", "Choose columns"),
    "columns_title": ("Cột hiển thị trên bảng xếp hạng", "Columns shown on the leaderboards"),
    "no_match": ("Không tỉnh/thành nào khớp bộ lọc “{text}” — nhấn x để bỏ lọc",
                 "No province matches the filter “{text}” — x clears it"),
    "no_match_region": ("Không tỉnh/thành nào thuộc vùng “{text}” khớp bộ lọc — nhấn x để bỏ lọc",
                        "No province in the region “{text}” matches — x clears the filter"),
    "no_compare_data": ("{period} không có dữ liệu để so sánh: cột ±Hạng để trống",
                        "{period} has no data to compare with: ±Rank is blank"),
    "no_movers_why": ("Không có gì để so sánh: {start} không có dữ liệu của chỉ số này — "
                      "nhấn [ hoặc f để chọn kỳ khác",
                      "Nothing to compare with: {start} has no data for this metric — [ or f picks another"),
    "no_earlier": ("không có kỳ trước", "there is no earlier period, so it"),
    "none_moved": ("không có", "none"),
    "columns_hint": ("Space: bật/tắt · Esc: đóng · lưu vào tệp cấu hình",
                     "Space: show/hide · Esc: close · saved in the config file"),

}


def t(key: str, lang: str, **values: object) -> str:
    """The label in ``lang``; values are formatted in (they are plain text, never markup)."""
    vi, en = _LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def tn(key: str, lang: str, n: int, **values: object) -> str:
    """A label that counts ``n``: the ``key_one`` form for exactly one, where there is one
    (Vietnamese nouns do not change; English ones do)."""
    one = f"{key}_one"
    return t(one if n == 1 and one in _LABELS else key, lang, n=n, **values)


def has(key: str) -> bool:
    return key in _LABELS


def default_lang() -> str:
    """From DE06TUI_LANG, else LANG: Vietnamese for a vi_* locale, English otherwise."""
    lang = os.environ.get("DE06TUI_LANG") or os.environ.get("LANG", "")
    return "vi" if lang.lower().startswith("vi") else "en"


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGS else default_lang()
