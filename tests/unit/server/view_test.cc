// The catalog of views: built once per store write, not once more for its own saved facts.
#include "server/view.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace huiqi::server::testing {
namespace {

TEST(Catalog, SavingTheExtractedFactsNeedsNoSecondBuild) {
  TempDir dir;
  auto store = store::open_store(dir.file("huiqi.db"));
  import_bundled(*store);
  const long long imported = store->generation();
  Catalog catalog(*store, cli::load_extractor());  // extracts, and saves the facts
  EXPECT_EQ(store->generation(), imported);
  EXPECT_EQ(catalog.current()->generation(), store->generation());
  EXPECT_FALSE(catalog.refresh());
  EXPECT_EQ(catalog.builds(), 1u);
  ASSERT_NE(catalog.current()->snapshot->rules, nullptr);

  // Another write is seen: a stored override, applied by the rules of the next view.
  const auto& before = *catalog.current()->snapshot;
  EXPECT_TRUE(before.overrides.empty());
  const std::string item = std::string(kListId) + "/5";
  const auto bundled = snapshot::merged_overrides({});
  nlohmann::json entry;
  for (const auto& e : bundled["items"]) {
    if (e.value("item", std::string()) == item) entry = e;
  }
  ASSERT_TRUE(entry.is_object());
  entry["note"] = "checked again";
  store->put_override(item, entry.dump(), "staff");
  EXPECT_TRUE(catalog.refresh());
  EXPECT_EQ(catalog.builds(), 2u);
  const auto& after = *catalog.current()->snapshot;
  ASSERT_EQ(after.overrides.size(), 1u);
  EXPECT_EQ(after.overrides[0].item_id, item);
  ASSERT_NE(after.rules, nullptr);
  EXPECT_FALSE(catalog.refresh());  // its facts were stored already: nothing more to do
}

}  // namespace
}  // namespace huiqi::server::testing
