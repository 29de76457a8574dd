"""Where units meet the province level: a unit file given to the province board, and [clusters]."""

from __future__ import annotations

import pytest

from de06tui.config import ConfigError, load_config
from de06tui.core.dataset import load_paths


def test_a_unit_level_file_is_not_ranked_as_provinces(write):
    path = write("xa.csv", "Tỉnh,Xã,Kỳ,Tổng điểm\nGia Lai,Vân Canh,2026-10,75.3\nGia Lai,Đăk Song,2026-10,73.9\n")
    ds = load_paths([path])
    assert ds.is_empty
    assert [str(p) for p in ds.errors] == [
        f"error: {path}, row 1, column 'Xã': holds unit rows (a unit column beside the province): rank "
        "them with --level commune or --level department"]


def test_a_province_file_whose_province_column_is_called_don_vi_still_loads(write):
    path = write("p.csv", "Đơn vị,Kỳ,Tổng điểm\nGia Lai,2026-10,66.2\nHà Nội,2026-10,70.1\n")
    ds = load_paths([path])
    assert not ds.errors and ds.frame.height == 2


def test_clusters_from_the_config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[clusters]\n"Cụm 1" = ["Vân Canh", " H21.203 "]\n"Cụm 2" = ["Ia O"]\n', "utf-8")
    config = load_config(path, env={})
    assert dict(config.clusters) == {"Cụm 1": ("Vân Canh", "H21.203"), "Cụm 2": ("Ia O",)}
    assert config.shown()["clusters"] == {"Cụm 1": ["Vân Canh", "H21.203"], "Cụm 2": ["Ia O"]}


@pytest.mark.parametrize("text, where", [
    ('[clusters]\n"Cụm 1" = "Vân Canh"\n', "key 'clusters.Cụm 1'"),
    ('[clusters]\n"Cụm 1" = []\n', "key 'clusters.Cụm 1'"),
    ('[clusters]\n"Cụm 1" = [1, 2]\n', "key 'clusters.Cụm 1'"),
    ('clusters = 3\n', "[clusters] must map a cluster name to a list of communes"),
])
def test_a_malformed_cluster_is_refused_naming_the_key(tmp_path, text, where):
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    assert str(info.value).startswith(f"{path}: ") and where in str(info.value)
