import pytest

from storage.originals import OriginalStore, sha256_hex


def test_put_is_content_addressed_and_idempotent(store: OriginalStore):
    digest = store.put(b"%PDF-1.4 hello")
    assert digest == sha256_hex(b"%PDF-1.4 hello")
    assert store.put(b"%PDF-1.4 hello") == digest
    assert store.get(digest) == b"%PDF-1.4 hello"
    assert store.path_for(digest).is_relative_to(store.root)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "x" * 64, "", "A" * 64])
def test_path_for_refuses_anything_but_a_digest(store: OriginalStore, bad: str):
    with pytest.raises(ValueError):
        store.path_for(bad)
