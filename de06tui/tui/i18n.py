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
    "a_home": ("Tỉnh của tôi", "My province"),
    "a_alerts": ("Cảnh báo", "Alerts"),
    "my_province": ("Tỉnh của tôi", "My province"),
    "alerts": ("Cảnh báo", "Alerts"),
    "home_unset": ("Chưa đặt tỉnh của bạn: thêm home = \"Gia Lai\" vào tệp cấu hình, hoặc chạy với --home \"Gia Lai\"",
                   "No home province set: put home = \"Gia Lai\" in the config file, or start with --home \"Gia Lai\""),
    "home_mark": ("⌂ tỉnh của bạn", "⌂ your province"),
    "home_pinned": ("ghim", "pinned"),
    "home_unknown": ("{where}: không tìm thấy tỉnh '{text}'", "{where}: no province '{text}'"),
    "col_band": ("Ngưỡng", "Band"),
    "bands_legend": ("✗ dưới ngưỡng · △ cần theo dõi · ✓ đạt", "✗ below threshold · △ watch · ✓ on track"),
    "home_heading": ("{name} — {period}", "{name} — {period}"),
    "home_vs": ("so với {label}", "vs {label}"),
    "home_rank": ("hạng {rank}/{of}", "rank {rank}/{of}"),
    "home_up": ("↑ lên hạng trên", "↑ next rank up"),
    "home_top3": ("★ vào top 3", "★ top three"),
    "home_down": ("↓ hạng dưới (biên an toàn)", "↓ next rank down (margin)"),
    "home_need": ("+{gap} {unit}", "+{gap} {unit}"),
    "home_margin": ("cách {gap} {unit}", "margin {gap} {unit}"),
    "home_dossiers_up": ("+{n} hồ sơ {what} với lượng hồ sơ kỳ này", "+{n} hồ sơ {what} at this period's volume"),
    "home_dossiers_down": ("có thể mất {n} hồ sơ {what} mà giữ hạng", "{n} hồ sơ {what} to spare"),
    "home_left": ("còn thiếu so với tối đa: {left}", "points left on the table: {left}"),
    "home_groups": ("Nhóm 766, nhiều điểm còn thiếu nhất trước", "766 groups, most points to gain first"),
    "home_main": ("Chỉ tiêu chính", "Main metrics"),
    "home_units": ("Đơn vị yếu nhất: {units}", "Weakest units: {units}"),
    "home_no_units": ("Chưa có dữ liệu sở/ngành, xã/phường", "No department or commune data yet"),
    "home_missing": ("Không có số liệu: {metrics}", "No figures: {metrics}"),
    "no_alerts": ("Chưa có cảnh báo nào cho {name}", "No alerts for {name} so far"),
    "alerts_note": ("Cảnh báo trên các kỳ liên tiếp của dữ liệu, mới nhất cuối", "Alerts on the data's consecutive periods, newest last"),

    # -- recorded history --------------------------------------------------------------------

    # -- the office's screens: columns, empty states, mouse ------------------------------------

}


def t(key: str, lang: str, **values: object) -> str:
    """The label in ``lang``; values are formatted in (they are plain text, never markup)."""
    vi, en = _LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in _LABELS


def default_lang() -> str:
    """From DE06TUI_LANG, else LANG: Vietnamese for a vi_* locale, English otherwise."""
    lang = os.environ.get("DE06TUI_LANG") or os.environ.get("LANG", "")
    return "vi" if lang.lower().startswith("vi") else "en"


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LANGS else default_lang()
