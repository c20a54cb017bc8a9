"""What a memo remembers between two builds, and when it starts afresh."""

from digest_memo import DigestMemo, cache_file, digest


def test_a_second_build_gets_what_the_first_computed_and_forgets_what_it_did_not_ask(tmp_path):
    path = str(tmp_path / "cache" / "memo.json")
    first = DigestMemo(path, "v1")
    calls = []
    for text in ("alpha", "beta"):
        assert first.get(digest(text), lambda t=text: calls.append(t) or [len(t)]) == [len(text)]
    first.save()
    assert calls == ["alpha", "beta"]

    second = DigestMemo(path, "v1")
    assert second.get(digest("alpha"), lambda: calls.append("again") or [0]) == [5]
    assert calls == ["alpha", "beta"]  # remembered, not computed
    second.save()
    assert DigestMemo(path, "v1").known == {digest("alpha"): [5]}  # "beta" was not asked


def test_a_new_version_or_an_unreadable_file_starts_afresh(tmp_path):
    path = tmp_path / "memo.json"
    memo = DigestMemo(str(path), "v1")
    memo.get(digest(b"bytes too"), lambda: [1])
    memo.save()
    assert DigestMemo(str(path), "v2").known == {}
    path.write_text("{not json")
    assert DigestMemo(str(path), "v1").known == {}


def test_without_a_file_nothing_is_kept(tmp_path):
    memo = DigestMemo(None, "v1")
    assert memo.get("key", lambda: [3]) == [3]
    memo.save()
    assert list(tmp_path.iterdir()) == []


def test_the_cache_file_is_in_cache_path_unless_its_setting_turns_it_off(tmp_path):
    settings = {"CACHE_PATH": str(tmp_path), "READING_TIME_CACHE": False}
    assert cache_file(settings, "memo.json", "CONTENT_CHECKS_CACHE") == str(tmp_path / "memo.json")
    assert cache_file(settings, "memo.json", "READING_TIME_CACHE") is None
