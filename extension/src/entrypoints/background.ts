export default defineBackground(() => {
  // The background owns the network; features register their handlers from src/.
});
