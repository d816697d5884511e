app_name = "fristenkontrolle"
urlpatterns = []
